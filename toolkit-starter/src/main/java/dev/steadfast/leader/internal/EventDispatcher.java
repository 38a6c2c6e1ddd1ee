package dev.steadfast.leader.internal;

import dev.steadfast.leader.LeadershipEvent;
import dev.steadfast.leader.LeadershipGranted;
import dev.steadfast.leader.LeadershipListener;
import dev.steadfast.leader.LeadershipRevoked;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The single thread of one election: runs the election's own work and delivers its events, in order, to Spring
 * and to the registered listeners. A failing listener is logged and does not stop delivery to the others.
 */
final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final ApplicationEventPublisher publisher;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final String election;
    private volatile ExecutorService thread;

    EventDispatcher(String election, ApplicationEventPublisher publisher) {
        this.election = election;
        this.publisher = publisher;
        this.thread = newThread();
    }

    /** Makes a stopped dispatcher usable again, for an election that is stopped and started again. */
    synchronized void restart() {
        if (thread.isShutdown()) {
            thread = newThread();
        }
    }

    private ExecutorService newThread() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread result = new Thread(runnable, "steadfast-leader-" + election);
            result.setDaemon(true);
            return result;
        });
    }

    ExecutorService executor() {
        return thread;
    }

    void execute(Runnable task) {
        ExecutorService current = thread;
        if (!current.isShutdown()) {
            current.execute(task);
        }
    }

    void addListener(LeadershipListener listener) {
        listeners.add(listener);
    }

    void removeListener(LeadershipListener listener) {
        listeners.remove(listener);
    }

    /** Delivers the event now; call only on the dispatcher's thread. */
    void deliver(LeadershipEvent event) {
        log.info("{}", event);
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException ex) {
            log.error("A Spring listener failed on {}", event, ex);
        }
        for (LeadershipListener listener : listeners) {
            try {
                if (event instanceof LeadershipGranted granted) {
                    listener.granted(granted);
                } else if (event instanceof LeadershipRevoked revoked) {
                    listener.revoked(revoked);
                }
            } catch (RuntimeException ex) {
                log.error("Leadership listener {} failed on {}", listener, event, ex);
            }
        }
    }

    /** Delivers what is queued, then stops the thread. */
    void shutdown(long timeoutMillis) {
        ExecutorService current = thread;
        current.shutdown();
        try {
            if (!current.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            current.shutdownNow();
        }
    }
}
