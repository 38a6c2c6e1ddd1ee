package dev.steadfast.loadbalancer.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.details.ServiceCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperServiceInstance;
import org.springframework.cloud.zookeeper.support.StatusConstants;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.StringUtils;

/**
 * The registry as Curator's {@link ServiceCache} per service sees it: a watch on the service's path updates the list
 * when ZooKeeper reports a change, and while ZooKeeper is unreachable the cache keeps the last list it had, which is
 * what this view serves. A frozen instance leaves the list when its session expires, a stopped one when it
 * unregisters. Caches start on their own thread (starting one talks to ZooKeeper); until a cache has loaded, this
 * view answers {@code null} and the load balancer asks its usual supplier.
 */
public final class ZookeeperRegistryView implements RegistryView, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ZookeeperRegistryView.class);

    private final ServiceDiscovery<ZookeeperInstance> discovery;

    private final Collection<String> warmServices;

    private final Duration retryInterval;

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    /** Starts caches; one per start of this view, so that a stopped view can be started again. */
    private volatile ExecutorService starter;

    private volatile boolean running;

    /**
     * @param discovery Spring Cloud Zookeeper's Curator service discovery
     * @param warmServices services whose caches start with the application, before it reports ready
     * @param retryInterval how soon a cache that could not start is tried again
     */
    public ZookeeperRegistryView(
            ServiceDiscovery<ZookeeperInstance> discovery, Collection<String> warmServices, Duration retryInterval) {
        this.discovery = discovery;
        this.warmServices = List.copyOf(warmServices);
        this.retryInterval = retryInterval;
    }

    @Override
    public List<ServiceInstance> instances(String serviceId) {
        Watch watch = watches.computeIfAbsent(serviceId, Watch::new);
        watch.startIfDue();
        return watch.instances;
    }

    /** Whether the service's list has loaded at least once. */
    public boolean loaded(String serviceId) {
        Watch watch = watches.get(serviceId);
        return watch != null && watch.instances != null;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "steadfast-registry-view");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        warmServices.forEach(this::instances);
    }

    /** Closes every watch and forgets the lists; a later {@link #start()} watches again from scratch. */
    @Override
    public synchronized void stop() {
        running = false;
        if (starter != null) {
            starter.shutdownNow();
        }
        watches.values().forEach(Watch::close);
        watches.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Spring Cloud Zookeeper's service discovery has started, before web servers report ready. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private final class Watch implements ServiceCacheListener {

        private final String serviceId;

        private volatile List<ServiceInstance> instances;

        private ServiceCache<ZookeeperInstance> cache;

        private boolean starting;

        /** When a failed start may be tried again ({@code System.nanoTime()}), if one failed. */
        private Long nextStartNanos;

        Watch(String serviceId) {
            this.serviceId = serviceId;
        }

        synchronized void startIfDue() {
            if (cache != null
                    || starting
                    || !running
                    || (nextStartNanos != null && System.nanoTime() - nextStartNanos < 0)) {
                return;
            }
            starting = true;
            log.debug("Starting the watch of the instances of {}", serviceId);
            try {
                starter.execute(this::start);
            } catch (RejectedExecutionException ex) {
                starting = false; // the view was stopped meanwhile
            }
        }

        private void start() {
            ServiceCache<ZookeeperInstance> started =
                    discovery.serviceCacheBuilder().name(serviceId).build();
            started.addListener(this);
            try {
                // Does the initial read and sets the watches; blocks until ZooKeeper answers.
                started.start();
                synchronized (this) {
                    starting = false;
                    if (!running || watches.get(serviceId) != this) {
                        closeQuietly(started); // the view was stopped while this cache started
                        return;
                    }
                    cache = started;
                }
                cacheChanged();
                log.debug("Watching the instances of {} in ZooKeeper", serviceId);
            } catch (Exception ex) {
                closeQuietly(started);
                synchronized (this) {
                    starting = false;
                    nextStartNanos = System.nanoTime() + retryInterval.toNanos();
                }
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.info(
                        "Cannot watch the instances of {} in ZooKeeper yet, trying again in {}: {}",
                        serviceId,
                        retryInterval,
                        ex.toString());
            }
        }

        @Override
        public void cacheChanged() {
            ServiceCache<ZookeeperInstance> current = cache;
            if (current == null) {
                return;
            }
            instances = current.getInstances().stream()
                    .filter(Watch::isUp)
                    .<ServiceInstance>map(instance -> new ZookeeperServiceInstance(serviceId, instance))
                    .toList();
        }

        @Override
        public void stateChanged(CuratorFramework client, ConnectionState newState) {
            // The cache keeps its list while ZooKeeper is unreachable and resynchronises on reconnect.
        }

        /** The same rule as Spring Cloud Zookeeper's status filter: no status, or UP. */
        private static boolean isUp(org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance> instance) {
            ZookeeperInstance payload = instance.getPayload();
            String status = payload == null || payload.getMetadata() == null
                    ? null
                    : payload.getMetadata().get(StatusConstants.INSTANCE_STATUS_KEY);
            return !StringUtils.hasText(status) || StatusConstants.STATUS_UP.equalsIgnoreCase(status);
        }

        synchronized void close() {
            if (cache != null) {
                closeQuietly(cache);
                cache = null;
            }
        }

        private static void closeQuietly(ServiceCache<?> cache) {
            try {
                cache.close();
            } catch (Exception ex) {
                log.debug("Closing a service cache failed", ex);
            }
        }
    }
}
