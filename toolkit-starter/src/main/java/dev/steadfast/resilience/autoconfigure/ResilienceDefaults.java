package dev.steadfast.resilience.autoconfigure;

import dev.steadfast.resilience.SelfProtectionPredicate;
import dev.steadfast.resilience.TransientFailurePredicate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;

/**
 * Translates {@link ResilienceProperties} into the Resilience4j and Spring Boot properties that carry them.
 */
final class ResilienceDefaults {

    /**
     * CircuitBreaker outermost, then Retry, RateLimiter, TimeLimiter, Bulkhead (Resilience4j's default puts Retry
     * outside CircuitBreaker). One logical call is one breaker outcome, an open breaker stops retries before they
     * start, and each retry attempt takes its own rate-limit permit, time limit and bulkhead slot.
     */
    static final int CIRCUIT_BREAKER_ORDER = Ordered.LOWEST_PRECEDENCE - 5;

    static final int RETRY_ORDER = Ordered.LOWEST_PRECEDENCE - 4;

    static final int RATE_LIMITER_ORDER = Ordered.LOWEST_PRECEDENCE - 3;

    static final int TIME_LIMITER_ORDER = Ordered.LOWEST_PRECEDENCE - 2;

    static final int BULKHEAD_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    private static final String CB = "resilience4j.circuitbreaker.configs.default.";

    private static final String RETRY = "resilience4j.retry.configs.default.";

    private static final String BULKHEAD = "resilience4j.bulkhead.configs.default.";

    private static final String TIME_LIMITER = "resilience4j.timelimiter.configs.default.";

    private ResilienceDefaults() {}

    static Map<String, Object> of(ResilienceProperties properties, Binder binder) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("resilience4j.circuitbreaker.circuit-breaker-aspect-order", CIRCUIT_BREAKER_ORDER);
        defaults.put("resilience4j.retry.retry-aspect-order", RETRY_ORDER);
        defaults.put("resilience4j.ratelimiter.rate-limiter-aspect-order", RATE_LIMITER_ORDER);
        defaults.put("resilience4j.timelimiter.time-limiter-aspect-order", TIME_LIMITER_ORDER);
        defaults.put("resilience4j.bulkhead.bulkhead-aspect-order", BULKHEAD_ORDER);
        circuitBreaker(properties.getCircuitBreaker(), defaults);
        retry(properties.getRetry(), defaults);
        ResilienceProperties.Bulkhead bulkhead = properties.getBulkhead();
        defaults.put(BULKHEAD + "max-concurrent-calls", bulkhead.getMaxConcurrentCalls());
        defaults.put(BULKHEAD + "max-wait-duration", millis(bulkhead.getMaxWaitDuration()));
        ResilienceProperties.TimeLimiter timeLimiter = properties.getTimeLimiter();
        defaults.put(TIME_LIMITER + "timeout-duration", millis(timeLimiter.getTimeoutDuration()));
        defaults.put(TIME_LIMITER + "cancel-running-future", timeLimiter.isCancelRunningFuture());
        ResilienceProperties.HttpClient httpClient = properties.getHttpClient();
        if (httpClient.isEnabled()) {
            defaults.put("spring.http.clients.connect-timeout", millis(httpClient.getConnectTimeout()));
            defaults.put("spring.http.clients.read-timeout", millis(httpClient.getReadTimeout()));
        }
        if (properties.getHealth().isReadiness()) {
            health(binder, defaults);
        }
        return defaults;
    }

    private static void circuitBreaker(ResilienceProperties.CircuitBreaker breaker, Map<String, Object> defaults) {
        defaults.put(CB + "sliding-window-type", "COUNT_BASED");
        defaults.put(CB + "sliding-window-size", breaker.getSlidingWindowSize());
        defaults.put(CB + "minimum-number-of-calls", breaker.getMinimumNumberOfCalls());
        defaults.put(CB + "failure-rate-threshold", breaker.getFailureRateThreshold());
        defaults.put(CB + "slow-call-rate-threshold", breaker.getSlowCallRateThreshold());
        defaults.put(CB + "slow-call-duration-threshold", millis(breaker.getSlowCallDurationThreshold()));
        defaults.put(CB + "wait-duration-in-open-state", millis(breaker.getWaitDurationInOpenState()));
        defaults.put(
                CB + "permitted-number-of-calls-in-half-open-state",
                breaker.getPermittedNumberOfCallsInHalfOpenState());
        // A full bulkhead is this service protecting itself, not the dependency failing. A predicate, not an
        // ignore-exceptions entry: Resilience4j ORs the predicate with the list, so the application's own list adds
        // to this default instead of replacing it.
        defaults.put(CB + "ignore-exception-predicate", SelfProtectionPredicate.class.getName());
        defaults.put(CB + "register-health-indicator", true);
        defaults.put(CB + "allow-health-indicator-to-fail", false);
    }

    private static void retry(ResilienceProperties.Retry retry, Map<String, Object> defaults) {
        defaults.put(RETRY + "max-attempts", retry.getMaxAttempts());
        defaults.put(RETRY + "wait-duration", millis(retry.getWaitDuration()));
        defaults.put(RETRY + "enable-exponential-backoff", true);
        defaults.put(RETRY + "exponential-backoff-multiplier", retry.getBackoffMultiplier());
        defaults.put(RETRY + "exponential-max-wait-duration", millis(retry.getMaxWaitDuration()));
        defaults.put(RETRY + "enable-randomized-wait", true);
        defaults.put(RETRY + "randomized-wait-factor", retry.getRandomizedWaitFactor());
        defaults.put(RETRY + "retry-exception-predicate", TransientFailurePredicate.class.getName());
    }

    private static void health(Binder binder, Map<String, Object> defaults) {
        // Resilience4j's indicator is off unless this property is present.
        defaults.put("management.health.circuitbreakers.enabled", true);
        boolean breakersOn = binder.bind("management.health.circuitbreakers.enabled", Boolean.class)
                .orElse(true);
        boolean probesOn = binder.bind("management.endpoint.health.probes.enabled", Boolean.class)
                .orElse(true);
        boolean readinessStateOn = binder.bind("management.health.readinessstate.enabled", Boolean.class)
                .orElse(true);
        // Boot rejects groups naming contributors that do not exist, so only name those that will.
        if (breakersOn && probesOn && readinessStateOn) {
            defaults.put("management.endpoint.health.group.readiness.include", "readinessState,circuitBreakers");
        }
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
