package dev.steadfast.chaos.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which instances a readiness-aware load balancer in front of them would send new requests to, as a Kubernetes
 * Service does with its endpoints: an instance leaves as soon as its port refuses connections (it died or is
 * stopping) and comes back only once its readiness probe answers 200 again, so a restarted instance gets traffic
 * when it reports ready, not when its port opens. A frozen or slow instance stays: a probe that times out changes
 * nothing (Kubernetes needs several failed probes, tens of seconds, to remove one), so faults that hang an instance
 * still cost what they cost a client. Every instance counts as admitted at first (the load starts once all are
 * ready). Each instance is probed every {@code interval} on its own thread, so a hanging one delays no other.
 */
public final class AdmittedInstances implements AutoCloseable {

    private final List<Integer> ports;

    private final AtomicIntegerArray admitted;

    private final ScheduledExecutorService probes;

    /**
     * @param ports the instances' HTTP ports on loopback
     * @param interval how often each instance is probed
     */
    public AdmittedInstances(List<Integer> ports, Duration interval) {
        this.ports = List.copyOf(ports);
        this.admitted = new AtomicIntegerArray(ports.size());
        for (int i = 0; i < ports.size(); i++) {
            admitted.set(i, 1);
        }
        this.probes = Executors.newScheduledThreadPool(Math.max(1, ports.size()), runnable -> {
            Thread thread = new Thread(runnable, "chaos-admission");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < ports.size(); i++) {
            int index = i;
            probes.scheduleWithFixedDelay(() -> probe(index), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether new requests may go to the instance at {@code index} (of the ports given). */
    public boolean admitted(int index) {
        return admitted.get(index) == 1;
    }

    private void probe(int index) {
        int port = ports.get(index);
        if (!Readiness.tcpOpen(port)) {
            admitted.set(index, 0);
        } else if (Readiness.httpOk("http://127.0.0.1:" + port + "/actuator/health/readiness")) {
            admitted.set(index, 1);
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
