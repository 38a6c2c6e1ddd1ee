package dev.steadfast.chaos.fault;

import dev.steadfast.chaos.network.Link;
import dev.steadfast.chaos.network.LinkFault;
import dev.steadfast.chaos.network.NetworkLinks;
import dev.steadfast.chaos.observe.LeaderObserver;
import dev.steadfast.chaos.process.ManagedProcess;
import dev.steadfast.chaos.process.NetworkPartitions;
import dev.steadfast.chaos.process.ServiceInstance;
import dev.steadfast.chaos.process.SharedDatabase;
import dev.steadfast.chaos.process.Topology;
import dev.steadfast.chaos.process.ZooKeeperEnsemble;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Carries out a {@link FaultSchedule} on its own thread, one fault at a time: each is injected at its scheduled
 * time (or after the previous one has healed and a short quiet gap), held, then healed, and recorded as a
 * {@link FaultEvent}. Faults that would start after the load ends are skipped.
 */
public final class FaultInjector {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final long QUIET_GAP_MILLIS = 3_000;
    /** The payment service's log line that opens its test-only settlement delay. */
    static final String SETTLEMENT_DELAY_MARKER = "TEST-ONLY settlement delay:";
    /** The payment service's log line after it wrote a settlement batch. */
    static final String BATCH_WRITTEN_MARKER = "payments written under token";
    /** A settlement run starts every 3 s plus its delay: this is ample. */
    private static final Duration SETTLEMENT_RUN_TIMEOUT = Duration.ofSeconds(30);

    private final Topology topology;
    private final LeaderObserver observer;
    private final LongSupplier clockMillis;
    private final ChaosMonkeyClient monkey = new ChaosMonkeyClient();
    private final List<FaultEvent> events = new ArrayList<>();
    private volatile String current = "-";
    private boolean noLeaderSeen;
    private Thread thread;

    public FaultInjector(Topology topology, LeaderObserver observer, LongSupplier clockMillis) {
        this.topology = topology;
        this.observer = observer;
        this.clockMillis = clockMillis;
    }

    /** Starts injecting; {@code loadStartMillis} and {@code loadEndMillis} frame the schedule. */
    public void start(FaultSchedule schedule, long loadStartMillis, long loadEndMillis) {
        thread = new Thread(() -> run(schedule, loadStartMillis, loadEndMillis), "chaos-faults");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the fault in progress has healed; the caller then heals whatever else is left. */
    public void awaitQuiet(Duration timeout) throws InterruptedException {
        if (thread != null) {
            thread.join(timeout.toMillis());
        }
    }

    private void run(FaultSchedule schedule, long loadStartMillis, long loadEndMillis) {
        long earliest = 0;
        for (ScheduledFault fault : schedule.faults()) {
            long at = Math.max(loadStartMillis + fault.atMillis(), earliest);
            if (at >= loadEndMillis) {
                break;
            }
            if (!sleepUntil(at)) {
                return;
            }
            try {
                inject(fault);
            } catch (RuntimeException ex) {
                record(fault, clockMillis.getAsLong(), "-", "failed: " + ex.getMessage());
            }
            current = "-";
            earliest = clockMillis.getAsLong() + QUIET_GAP_MILLIS;
        }
    }

    private void inject(ScheduledFault fault) {
        current = fault.kind().label();
        noLeaderSeen = false;
        long start = clockMillis.getAsLong();
        switch (fault.kind()) {
            case KILL_PAYMENT_LEADER ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> crash(fault, start, target));
            case KILL_ORDER_INSTANCE -> crash(fault, start, topology.orders().get(fault.target()));
            case GRACEFUL_RESTART_PAYMENT_LEADER ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> restartGracefully(fault, start, target));
            case GRACEFUL_RESTART_ORDER_INSTANCE ->
                restartGracefully(fault, start, topology.orders().get(fault.target()));
            case PAUSE_PAYMENT_LEADER ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> freeze(fault, start, target));
            case RESTART_ZOOKEEPER -> restartZooKeeper(fault, start);
            case BRIEF_PAUSE_PAYMENT_LEADER ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> freeze(fault, start, target));
            case PAUSE_ZOOKEEPER -> pauseZooKeeper(fault, start);
            case RESTART_DATABASE -> restartDatabase(fault, start);
            case PAUSE_PAYMENT_LEADER_IN_SETTLEMENT ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> freezeInSettlement(fault, start, target));
            case LATENCY_ASSAULT -> assault(fault, start, ChaosMonkeyClient.LATENCY);
            case EXCEPTION_ASSAULT -> assault(fault, start, ChaosMonkeyClient.EXCEPTIONS);
            case ISOLATE_PAYMENT_LEADER,
                    PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER,
                    PARTITION_PAYMENT_LEADER_FROM_DATABASE ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> partition(fault, start, target));
            case ISOLATE_PAYMENT_LEADER_FROM_ZOOKEEPER ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> cut(fault, start, target, Link.ZOOKEEPER, LinkFault.BLACK_HOLE));
            case ISOLATE_PAYMENT_LEADER_FROM_DATABASE ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> cut(fault, start, target, Link.DATABASE, LinkFault.RESET));
            case SLOW_DATABASE_LINK ->
                leaderOf(Topology.PAYMENT, topology.payments(), fault.target())
                        .ifPresent(target -> cut(fault, start, target, Link.DATABASE, LinkFault.delay(200)));
            case CUT_ORDER_INSTANCE_FROM_ZOOKEEPER_ANSWERS ->
                cut(fault, start, topology.orders().get(fault.target()), Link.ZOOKEEPER, LinkFault.CUT_INBOUND);
        }
    }

    /** The instance currently leading {@code service}, or the scheduled fallback instance when none is seen. */
    private Optional<ServiceInstance> leaderOf(String service, List<ServiceInstance> instances, int fallback) {
        Optional<ServiceInstance> leader = observer.currentLeader(service).flatMap(sample -> instances.stream()
                .filter(instance -> instance.instanceId().equals(sample.instanceId()))
                .findFirst());
        if (leader.isEmpty()) {
            noLeaderSeen = true;
        }
        return Optional.of(leader.orElse(instances.get(fallback)));
    }

    private void crash(ScheduledFault fault, long start, ServiceInstance target) {
        target.process().kill();
        pause(fault.holdMillis());
        target.start();
        target.awaitReady(READY_TIMEOUT);
        record(fault, start, target.instanceId(), "kill -9 pid, restarted after " + fault.holdMillis() + " ms");
    }

    private void restartGracefully(ScheduledFault fault, long start, ServiceInstance target) {
        target.process().terminate(Duration.ofSeconds(20));
        pause(fault.holdMillis());
        target.start();
        target.awaitReady(READY_TIMEOUT);
        record(fault, start, target.instanceId(), "SIGTERM, restarted after " + fault.holdMillis() + " ms");
    }

    private void freeze(ScheduledFault fault, long start, ServiceInstance target) {
        ManagedProcess process = target.process();
        process.pause();
        pause(fault.holdMillis());
        process.resume();
        target.awaitReady(READY_TIMEOUT);
        record(fault, start, target.instanceId(), "SIGSTOP for " + fault.holdMillis() + " ms, then SIGCONT");
    }

    /**
     * Freezes the leader the moment its settlement run announces its test-only delay, that is with its term's token
     * in hand and before its transaction; gives up (and records why) if no run announces one in time. A freeze meant
     * to outlast the successor's first write holds until another instance has written a batch, not for a time that a
     * slow election or a loaded machine can outlast.
     */
    private void freezeInSettlement(ScheduledFault fault, long start, ServiceInstance target) {
        ManagedProcess process = target.process();
        if (!LogWatch.awaitAppended(process.logFile(), SETTLEMENT_DELAY_MARKER, SETTLEMENT_RUN_TIMEOUT)) {
            record(
                    fault,
                    start,
                    target.instanceId(),
                    "no settlement run announced its delay within " + SETTLEMENT_RUN_TIMEOUT.toSeconds()
                            + " s (is the settlement delay on?): not frozen");
            return;
        }
        long frozenAt = clockMillis.getAsLong();
        process.pause();
        LogWatch successors = LogWatch.from(topology.payments().stream()
                .filter(instance -> instance != target)
                .map(instance -> instance.process().logFile())
                .toList());
        pause(fault.holdMillis());
        String until = "";
        if (fault.outlastsSuccessorsWrite()) {
            until = successors.await(BATCH_WRITTEN_MARKER, SETTLEMENT_RUN_TIMEOUT)
                    ? " and until another instance had written a batch"
                    : " and " + SETTLEMENT_RUN_TIMEOUT.toSeconds() + " s more: no other instance wrote a batch";
        }
        process.resume();
        long heldMillis = clockMillis.getAsLong() - frozenAt;
        target.awaitReady(READY_TIMEOUT);
        record(
                fault,
                frozenAt,
                target.instanceId(),
                "SIGSTOP inside a settlement run (token taken, transaction not begun) for " + heldMillis
                        + " ms (at least " + fault.holdMillis() + until + "), then SIGCONT");
    }

    private void partition(ScheduledFault fault, long start, ServiceInstance target) {
        NetworkPartitions network = topology.partitions()
                .orElseThrow(() -> new IllegalStateException("this topology cannot partition the network"));
        String detail =
                switch (fault.kind()) {
                    case ISOLATE_PAYMENT_LEADER -> network.isolate(target);
                    case PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER -> network.cutFromZooKeeper(target);
                    default -> network.cutFromDatabase(target);
                };
        pause(fault.holdMillis());
        network.heal(target);
        target.awaitReady(READY_TIMEOUT);
        record(fault, start, target.instanceId(), detail + " for " + fault.holdMillis() + " ms, then healed");
    }

    private void cut(ScheduledFault fault, long start, ServiceInstance target, Link link, LinkFault linkFault) {
        NetworkLinks links = topology.links()
                .orElseThrow(() -> new IllegalStateException("this topology has no proxies in front of its links"));
        links.apply(target.instanceId(), link, linkFault);
        pause(fault.holdMillis());
        links.apply(target.instanceId(), link, LinkFault.NONE);
        target.awaitReady(READY_TIMEOUT);
        record(
                fault,
                start,
                target.instanceId(),
                link.name().toLowerCase() + " link " + linkFault + " for " + fault.holdMillis() + " ms, then healed");
    }

    private void pauseZooKeeper(ScheduledFault fault, long start) {
        ZooKeeperEnsemble zooKeeper = topology.zooKeeper();
        int index = zooKeeper.leaderIndex().orElse(0);
        ManagedProcess server = zooKeeper.servers().get(index);
        server.pause();
        pause(fault.holdMillis());
        server.resume();
        zooKeeper.startAll(Duration.ofSeconds(60));
        record(fault, start, server.name(), "SIGSTOP for " + fault.holdMillis() + " ms, then SIGCONT");
    }

    private void restartDatabase(ScheduledFault fault, long start) {
        SharedDatabase database = topology.database();
        Optional<ManagedProcess> server = database.ownProcess();
        if (server.isEmpty()) {
            record(fault, start, database.kind(), "skipped: this run does not own the " + database.kind() + " server");
            return;
        }
        long killed = server.get().pid();
        server.get().kill();
        pause(fault.holdMillis());
        database.start();
        record(
                fault,
                start,
                server.get().name(),
                "kill -9 of the database server (pid " + killed + " and its children), restarted after "
                        + fault.holdMillis() + " ms as pid " + server.get().pid());
    }

    private void restartZooKeeper(ScheduledFault fault, long start) {
        ZooKeeperEnsemble zooKeeper = topology.zooKeeper();
        List<ManagedProcess> servers = zooKeeper.servers();
        String detail;
        if (servers.size() == 1) {
            servers.get(0).kill();
            pause(fault.holdMillis());
            detail = "kill -9 of the only server for " + fault.holdMillis() + " ms";
        } else {
            // The ensemble's leader first: its loss forces a new ZooKeeper election.
            int first = zooKeeper.leaderIndex().orElse(fault.target() % servers.size());
            int second = (first + 1) % servers.size();
            servers.get(first).kill();
            pause(fault.holdMillis());
            servers.get(second).kill();
            pause(fault.holdMillis());
            detail = "kill -9 of " + servers.get(first).name() + ", then "
                    + servers.get(second).name() + " (quorum lost), " + fault.holdMillis() + " ms each, then healed";
        }
        zooKeeper.startAll(Duration.ofSeconds(60));
        record(fault, start, "zookeeper", detail);
    }

    private void assault(ScheduledFault fault, long start, String assault) {
        StringBuilder detail = new StringBuilder();
        for (ServiceInstance instance : topology.payments()) {
            detail.append(instance.instanceId())
                    .append(": ")
                    .append(monkey.assault(instance, assault))
                    .append(". ");
        }
        pause(fault.holdMillis());
        for (ServiceInstance instance : topology.payments()) {
            detail.append(instance.instanceId())
                    .append(" off: ")
                    .append(monkey.calm(instance))
                    .append(". ");
        }
        record(fault, start, "payment-service", detail.toString().trim());
    }

    private void record(ScheduledFault fault, long start, String target, String detail) {
        synchronized (events) {
            String note = noLeaderSeen ? "no leader seen, hit the scheduled instance instead; " : "";
            events.add(new FaultEvent(start, clockMillis.getAsLong(), fault.kind(), target, note + detail));
        }
    }

    /** The fault in progress, for the progress line. */
    public String current() {
        return current;
    }

    public List<FaultEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private boolean sleepUntil(long atMillis) {
        long wait = atMillis - clockMillis.getAsLong();
        return wait <= 0 || pause(wait);
    }

    /** Holding a fault for its time is the point here: nothing else to wait on. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
