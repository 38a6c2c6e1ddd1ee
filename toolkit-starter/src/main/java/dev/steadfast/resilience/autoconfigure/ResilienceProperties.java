package dev.steadfast.resilience.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Steadfast's defaults for every Resilience4j instance. They become Resilience4j's {@code configs.default},
 * so any {@code resilience4j.*} property the application sets still wins.
 */
@ConfigurationProperties("steadfast.resilience")
public class ResilienceProperties {

    /** Whether the resilience layer (defaults, aspect order, health wiring, start-up checks) is on. */
    private boolean enabled = true;

    private final FastPath fastPath = new FastPath();

    private final CircuitBreaker circuitBreaker = new CircuitBreaker();

    private final Retry retry = new Retry();

    private final Bulkhead bulkhead = new Bulkhead();

    private final TimeLimiter timeLimiter = new TimeLimiter();

    private final HttpClient httpClient = new HttpClient();

    private final Health health = new Health();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public FastPath getFastPath() {
        return fastPath;
    }

    public CircuitBreaker getCircuitBreaker() {
        return circuitBreaker;
    }

    public Retry getRetry() {
        return retry;
    }

    public Bulkhead getBulkhead() {
        return bulkhead;
    }

    public TimeLimiter getTimeLimiter() {
        return timeLimiter;
    }

    public HttpClient getHttpClient() {
        return httpClient;
    }

    public Health getHealth() {
        return health;
    }

    /** How calls to annotated methods reach Resilience4j's patterns. */
    public static class FastPath {

        /**
         * Whether Steadfast's own advisor serves Resilience4j's annotations, matching each method once when the
         * proxy is created and caching its chain of Resilience4j decorators, instead of Resilience4j's aspects,
         * whose pointcuts are tested again on every call. Methods it cannot serve (reactive return types, thread-pool
         * bulkheads) make the application refuse to start; turn this off for them.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Circuit breaker defaults. */
    public static class CircuitBreaker {

        /** Failure rate, in percent of the sliding window, at or above which the breaker opens. */
        private float failureRateThreshold = 50;

        /** Rate of slow calls, in percent of the sliding window, at or above which the breaker opens. */
        private float slowCallRateThreshold = 80;

        /** Duration above which a call counts as slow. */
        private Duration slowCallDurationThreshold = Duration.ofSeconds(2);

        /** Number of most recent calls the breaker judges (count-based window). */
        private int slidingWindowSize = 20;

        /** Minimum number of calls in the window before the breaker may open. */
        private int minimumNumberOfCalls = 10;

        /** Time the breaker stays open before it lets probe calls through (half-open). */
        private Duration waitDurationInOpenState = Duration.ofSeconds(10);

        /** Number of probe calls allowed while half-open; their outcome closes or re-opens the breaker. */
        private int permittedNumberOfCallsInHalfOpenState = 3;

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public float getSlowCallRateThreshold() {
            return slowCallRateThreshold;
        }

        public void setSlowCallRateThreshold(float slowCallRateThreshold) {
            this.slowCallRateThreshold = slowCallRateThreshold;
        }

        public Duration getSlowCallDurationThreshold() {
            return slowCallDurationThreshold;
        }

        public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
            this.slowCallDurationThreshold = slowCallDurationThreshold;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getWaitDurationInOpenState() {
            return waitDurationInOpenState;
        }

        public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
            this.waitDurationInOpenState = waitDurationInOpenState;
        }

        public int getPermittedNumberOfCallsInHalfOpenState() {
            return permittedNumberOfCallsInHalfOpenState;
        }

        public void setPermittedNumberOfCallsInHalfOpenState(int permittedNumberOfCallsInHalfOpenState) {
            this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
        }
    }

    /** Retry defaults: exponential backoff with jitter, transient failures only. */
    public static class Retry {

        /** Maximum number of attempts, the first call included. */
        private int maxAttempts = 3;

        /** Wait before the first retry; later waits grow by the multiplier. */
        private Duration waitDuration = Duration.ofMillis(200);

        /** Factor by which the wait grows after each attempt. */
        private double backoffMultiplier = 2.0;

        /** Upper bound of a single wait. */
        private Duration maxWaitDuration = Duration.ofSeconds(2);

        /** Jitter: each wait is randomised within plus or minus this fraction of it. */
        private double randomizedWaitFactor = 0.5;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getWaitDuration() {
            return waitDuration;
        }

        public void setWaitDuration(Duration waitDuration) {
            this.waitDuration = waitDuration;
        }

        public double getBackoffMultiplier() {
            return backoffMultiplier;
        }

        public void setBackoffMultiplier(double backoffMultiplier) {
            this.backoffMultiplier = backoffMultiplier;
        }

        public Duration getMaxWaitDuration() {
            return maxWaitDuration;
        }

        public void setMaxWaitDuration(Duration maxWaitDuration) {
            this.maxWaitDuration = maxWaitDuration;
        }

        public double getRandomizedWaitFactor() {
            return randomizedWaitFactor;
        }

        public void setRandomizedWaitFactor(double randomizedWaitFactor) {
            this.randomizedWaitFactor = randomizedWaitFactor;
        }
    }

    /** Semaphore bulkhead defaults. */
    public static class Bulkhead {

        /** Maximum number of concurrent calls per bulkhead instance. */
        private int maxConcurrentCalls = 25;

        /** How long a call waits for a free slot before it is rejected; zero rejects at once. */
        private Duration maxWaitDuration = Duration.ZERO;

        public int getMaxConcurrentCalls() {
            return maxConcurrentCalls;
        }

        public void setMaxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
        }

        public Duration getMaxWaitDuration() {
            return maxWaitDuration;
        }

        public void setMaxWaitDuration(Duration maxWaitDuration) {
            this.maxWaitDuration = maxWaitDuration;
        }
    }

    /** Time limiter defaults (for methods returning a {@code CompletionStage}). */
    public static class TimeLimiter {

        /** Time after which an asynchronous call fails with a {@code TimeoutException}. */
        private Duration timeoutDuration = Duration.ofSeconds(3);

        /** Whether a timed-out call's future is cancelled. */
        private boolean cancelRunningFuture = true;

        public Duration getTimeoutDuration() {
            return timeoutDuration;
        }

        public void setTimeoutDuration(Duration timeoutDuration) {
            this.timeoutDuration = timeoutDuration;
        }

        public boolean isCancelRunningFuture() {
            return cancelRunningFuture;
        }

        public void setCancelRunningFuture(boolean cancelRunningFuture) {
            this.cancelRunningFuture = cancelRunningFuture;
        }
    }

    /**
     * Time limits for synchronous HTTP calls: defaults for Boot's {@code spring.http.clients.*}, which the
     * auto-configured {@code RestClient.Builder} and {@code RestTemplateBuilder} apply.
     */
    public static class HttpClient {

        /** Whether to default Boot's HTTP client timeouts to the values below. */
        private boolean enabled = true;

        /** Default connect timeout of Boot's auto-configured HTTP clients. */
        private Duration connectTimeout = Duration.ofSeconds(1);

        /** Default read timeout of Boot's auto-configured HTTP clients: the time limit of a synchronous call. */
        private Duration readTimeout = Duration.ofSeconds(3);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }
    }

    /** Health wiring of the circuit breakers. */
    public static class Health {

        /**
         * Whether circuit breakers report to actuator health and are added to the readiness group. They never
         * join the liveness group, and an OPEN breaker reports {@code CIRCUIT_OPEN} rather than DOWN unless
         * {@code allow-health-indicator-to-fail} is set for it.
         */
        private boolean readiness = true;

        public boolean isReadiness() {
            return readiness;
        }

        public void setReadiness(boolean readiness) {
            this.readiness = readiness;
        }
    }
}
