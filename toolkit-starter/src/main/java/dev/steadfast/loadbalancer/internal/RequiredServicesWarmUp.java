package dev.steadfast.loadbalancer.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Before the application reports ready, does for each required service what its first call would otherwise do
 * lazily, on its own thread: builds the service's load-balancer context (Spring Cloud LoadBalancer creates it on the
 * first request), lets that context's instance list supplier load the list and the outlier detector see it, and
 * opens a TCP connection to the instance the load balancer chooses, as proof that one is reachable. It tries again
 * every {@code retryInterval} until it succeeds; the {@code loadBalancer} readiness contributor waits for it.
 */
public final class RequiredServicesWarmUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequiredServicesWarmUp.class);

    private final List<String> services;

    private final LoadBalancerClientFactory factory;

    private final Duration timeout;

    private final Duration retryInterval;

    /** The instance ({@code host:port}) each warmed service was reached on. */
    private final Map<String, String> reached = new ConcurrentHashMap<>();

    /** The thread of the current start; a context may be stopped and started again. */
    private Thread thread;

    private volatile boolean running;

    /**
     * @param services the services to warm
     * @param factory Spring Cloud LoadBalancer's factory of per-service contexts
     * @param timeout how long one choice or one connection attempt may take
     * @param retryInterval the pause before a failed service is tried again
     */
    public RequiredServicesWarmUp(
            List<String> services, LoadBalancerClientFactory factory, Duration timeout, Duration retryInterval) {
        this.services = List.copyOf(services);
        this.factory = factory;
        this.timeout = timeout;
        this.retryInterval = retryInterval;
    }

    /** The instance ({@code host:port}) the service was reached on, or {@code null} while it has not been. */
    public String reached(String service) {
        return reached.get(service);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::warmAll, "steadfast-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void warmAll() {
        while (running && reached.size() < services.size()) {
            for (String service : services) {
                if (!reached.containsKey(service)) {
                    warm(service);
                }
            }
            if (reached.size() < services.size()) {
                try {
                    Thread.sleep(retryInterval.toMillis()); // pacing retries on this dedicated thread
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void warm(String service) {
        try {
            ReactiveLoadBalancer<ServiceInstance> loadBalancer = factory.getInstance(service);
            Response<ServiceInstance> chosen = loadBalancer == null
                    ? null
                    : Mono.from(loadBalancer.choose()).block(timeout);
            if (chosen == null || !chosen.hasServer()) {
                log.debug("No instance of {} to warm up with yet", service);
                return;
            }
            ServiceInstance instance = chosen.getServer();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(instance.getHost(), instance.getPort()), (int) timeout.toMillis());
            }
            String key = OutlierDetectors.key(instance);
            reached.put(service, key);
            log.debug("Warmed up the load balancer of {}: reached {}", service, key);
        } catch (IOException | RuntimeException ex) {
            log.info(
                    "Cannot reach an instance of {} yet, trying again in {}: {}",
                    service,
                    retryInterval,
                    ex.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the registry view has started its watches, before web servers report ready. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
