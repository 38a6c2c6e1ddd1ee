package dev.steadfast.chaos.observe;

import dev.steadfast.chaos.process.ServiceInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls {@code GET /actuator/leader} on every instance every 100 ms. It keeps every answer (the leader timeline of
 * the charts) and the current leader of each service (the target of leader faults). It is the services' own
 * testimony: the checker and the failover times use ZooKeeper's record instead (see {@code dev.steadfast.chaos.truth}).
 */
public final class LeaderObserver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(300);

    private final List<ServiceInstance> instances;
    private final LongSupplier clockMillis;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(POLL_TIMEOUT)
            .build();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-leader-poll");
        thread.setDaemon(true);
        return thread;
    });
    private final List<LeaderSample> samples = new ArrayList<>();
    private final Map<String, LeaderSample> lastByInstance = new ConcurrentHashMap<>();

    public LeaderObserver(List<ServiceInstance> instances, LongSupplier clockMillis) {
        this.instances = List.copyOf(instances);
        this.clockMillis = clockMillis;
    }

    public void start() {
        poller.scheduleWithFixedDelay(this::pollAll, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void pollAll() {
        List<java.util.concurrent.CompletableFuture<Void>> polls = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            if (!instance.process().isAlive() || instance.process().isPaused()) {
                lastByInstance.remove(instance.instanceId());
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/actuator/leader"))
                    .timeout(POLL_TIMEOUT)
                    .GET()
                    .build();
            polls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (response.statusCode() == 200) {
                            record(instance, response.body());
                        }
                    })
                    .exceptionally(failure -> {
                        lastByInstance.remove(instance.instanceId());
                        return null;
                    }));
        }
        polls.forEach(poll -> {
            try {
                poll.get(1, TimeUnit.SECONDS);
            } catch (Exception ex) {
                // A poll that does not answer in time simply did not observe anything.
            }
        });
    }

    void record(ServiceInstance instance, String body) {
        JsonNode elections;
        try {
            elections = JSON.readTree(body);
        } catch (RuntimeException ex) {
            return;
        }
        JsonNode election = elections.has(instance.service()) ? elections.get(instance.service()) : first(elections);
        if (election == null || !election.isObject()) {
            return;
        }
        boolean leader = "LEADER".equals(election.path("role").asString(""));
        JsonNode token = election.get("token");
        long tokenValue = leader && token != null && token.isNumber() ? token.asLong() : -1;
        String participant = election.path("participantId").asString(instance.instanceId());
        LeaderSample sample = new LeaderSample(
                clockMillis.getAsLong(), instance.service(), instance.instanceId(), participant, leader, tokenValue);
        synchronized (this) {
            samples.add(sample);
            lastByInstance.put(instance.instanceId(), sample);
        }
    }

    private static JsonNode first(JsonNode elections) {
        Iterator<JsonNode> values = elections.values().iterator();
        return values.hasNext() ? values.next() : null;
    }

    /** The instance currently reporting {@code LEADER} for {@code service} with the highest token, if any. */
    public synchronized Optional<LeaderSample> currentLeader(String service) {
        return lastByInstance.values().stream()
                .filter(sample -> sample.service().equals(service) && sample.leader())
                .max((a, b) -> Long.compare(a.token(), b.token()));
    }

    public synchronized List<LeaderSample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
