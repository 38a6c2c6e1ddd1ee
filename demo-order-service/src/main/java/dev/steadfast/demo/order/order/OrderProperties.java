package dev.steadfast.demo.order.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The order service's identity and how its outbox is driven.
 *
 * @param instanceId the id of this instance
 * @param outbox how pending orders are retried
 */
@ConfigurationProperties("order")
public record OrderProperties(String instanceId, Outbox outbox) {

    public OrderProperties {
        outbox = (outbox != null) ? outbox : new Outbox(null, null, null, null, 0);
    }

    /**
     * How the reconciler drives the outbox.
     *
     * @param interval the pause between two reconciler runs
     * @param grace how long a new order is left to the request that placed it before the reconciler may take it
     *     over; longer than the longest payment call including its retries
     * @param initialBackoff the wait after the first failed attempt, doubled after every further one
     * @param maxBackoff the longest wait between two attempts
     * @param batchSize the most orders one run re-sends
     */
    public record Outbox(
            Duration interval, Duration grace, Duration initialBackoff, Duration maxBackoff, int batchSize) {

        public Outbox {
            interval = (interval != null) ? interval : Duration.ofSeconds(2);
            grace = (grace != null) ? grace : Duration.ofSeconds(15);
            initialBackoff = (initialBackoff != null) ? initialBackoff : Duration.ofSeconds(1);
            maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(30);
            batchSize = (batchSize > 0) ? batchSize : 50;
        }

        /** The wait before the next attempt, after {@code attempts} failed ones. */
        public Duration backoff(int attempts) {
            int doublings = Math.min(Math.max(attempts - 1, 0), 20);
            Duration wait = initialBackoff.multipliedBy(1L << doublings);
            return (wait.compareTo(maxBackoff) > 0) ? maxBackoff : wait;
        }
    }
}
