package dev.steadfast.warmup.internal;

import java.io.IOException;

/**
 * Sends warm-up requests to another service, through the application's own load-balanced client. Called from the
 * warm-up's threads, several at a time.
 */
public interface ServiceCalls {

    /**
     * Waits until the load balancer has an instance of the service to send to.
     *
     * @param service the service id
     * @param deadlineNanos the {@link System#nanoTime()} to give up at
     * @return whether an instance was found before the deadline
     */
    boolean awaitInstance(String service, long deadlineNanos) throws InterruptedException;

    /**
     * Sends the request to an instance of {@link WarmUpRequest#service()} and returns the status it was answered with.
     *
     * @throws IOException when no answer came (no instance, refused connection, timeout)
     */
    int send(WarmUpRequest request) throws IOException;
}
