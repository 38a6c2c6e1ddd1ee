package dev.steadfast.demo.order.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The order service's identity and how its outbox is driven; invalid values stop the application at start-up
 * with the property named.
 *
 * @param instanceId the id of this instance; derived from {@code INSTANCE_ID} (see {@code ServiceEnvironment})
 * @param outbox how pending orders are retried
 */
@ConfigurationProperties("order")
@Validated
public record OrderProperties(String instanceId, @DefaultValue @Valid Outbox outbox) {

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
            @DefaultValue("2s") @DurationMin(millis = 10) Duration interval,
            @DefaultValue("15s") @DurationMin(millis = 0) Duration grace,
            @DefaultValue("1s") @DurationMin(millis = 1) Duration initialBackoff,
            @DefaultValue("30s") @DurationMin(millis = 1) Duration maxBackoff,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize) {

        /** The wait before the next attempt, after {@code attempts} failed ones. */
        public Duration backoff(int attempts) {
            int doublings = Math.min(Math.max(attempts - 1, 0), 20);
            Duration wait = initialBackoff.multipliedBy(1L << doublings);
            return (wait.compareTo(maxBackoff) > 0) ? maxBackoff : wait;
        }
    }
}
