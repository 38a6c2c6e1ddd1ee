package dev.steadfast.loadbalancer.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryProperties;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperRegistration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * Spring Cloud Zookeeper's auto-registration, deferred from the web server's start to the application's readiness:
 * the instance enters ZooKeeper when the application reports {@code ReadinessState.ACCEPTING_TRAFFIC} (after the
 * application runners, the warm-up among them) and leaves it when readiness goes to {@code REFUSING_TRAFFIC} (which
 * Spring Boot also publishes first thing when the context closes), so that other services' load balancers never
 * send calls to an instance that is still warming up or already shutting down. The registration itself (its
 * payload, events, lifecycles and the deregistration when the context is destroyed) stays Spring Cloud's.
 *
 * <p>Readiness events arrive on whichever thread publishes them (the main thread at start-up and on close, the
 * caller of {@code AvailabilityChangeEvent.publish} otherwise); the transitions are serialized here.
 */
public class ReadinessGatedZookeeperAutoServiceRegistration extends ZookeeperAutoServiceRegistration {

    private static final Logger log = LoggerFactory.getLogger(ReadinessGatedZookeeperAutoServiceRegistration.class);

    /** Whether the application's web server has started (the event Spring Cloud would register on). */
    private boolean webServerStarted;

    /** Whether readiness took the instance out of discovery after it had been registered. */
    private boolean withdrawn;

    public ReadinessGatedZookeeperAutoServiceRegistration(
            ZookeeperServiceRegistry registry,
            ZookeeperRegistration registration,
            ZookeeperDiscoveryProperties properties,
            ApplicationContext context) {
        super(registry, registration, properties, context);
    }

    /** Takes the port, as Spring Cloud does, but does not register yet. */
    @Override
    public synchronized void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext() instanceof ConfigurableWebServerApplicationContext context
                && "management".equals(context.getServerNamespace())) {
            return;
        }
        getPort().compareAndSet(0, event.getWebServer().getPort());
        webServerStarted = true;
    }

    /** Registers when the application accepts traffic, withdraws when it refuses it. */
    @EventListener
    public synchronized void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (!webServerStarted) {
            return; // Spring Cloud registers nothing without a web server, nor does this
        }
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            if (!getRunning().get()) {
                log.info("Registering in discovery now that the application accepts traffic");
                start();
            } else if (withdrawn) {
                log.info("Registering in discovery again: the application accepts traffic again");
                register();
                withdrawn = false;
            }
        } else if (event.getState() == ReadinessState.REFUSING_TRAFFIC
                && getRunning().get()
                && !withdrawn) {
            log.info("Leaving discovery: the application refuses traffic");
            deregister();
            withdrawn = true;
        }
    }
}
