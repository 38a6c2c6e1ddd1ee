package dev.steadfast.chaos.process;

import java.time.Duration;

/** One instance of a demo service: its JVM, its port and its instance id (also its leader participant id). */
public final class ServiceInstance {

    private final String service;
    private final String instanceId;
    private final int port;
    private final ManagedProcess process;

    public ServiceInstance(String service, String instanceId, int port, ManagedProcess process) {
        this.service = service;
        this.instanceId = instanceId;
        this.port = port;
        this.process = process;
    }

    /** {@code payment-service} or {@code order-service}: also the name of its default election. */
    public String service() {
        return service;
    }

    public String instanceId() {
        return instanceId;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isReady() {
        return process.isAlive() && !process.isPaused() && Readiness.httpOk(baseUrl() + "/actuator/health/readiness");
    }

    public void start() {
        process.start();
    }

    public void awaitReady(Duration timeout) {
        Readiness.await(process, timeout, this::isReady);
    }

    @Override
    public String toString() {
        return instanceId + ":" + port;
    }
}
