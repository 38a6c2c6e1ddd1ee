package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.spring6.bulkhead.configure.BulkheadAspect;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect;
import io.github.resilience4j.spring6.retry.configure.RetryAspect;
import io.github.resilience4j.spring6.timelimiter.configure.TimeLimiterAspect;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

/** Steadfast's defaults as Resilience4j's registries see them, with the environment post-processor applied. */
class ResilienceDefaultsTests {

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> new ResilienceDefaultsEnvironmentPostProcessor(destination -> new NoOpLog() {
                        @Override
                        public void warn(Object message) {
                            warnings.add(String.valueOf(message));
                        }
                    })
                    .postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(
                    ResilienceAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class,
                    RetryAutoConfiguration.class,
                    BulkheadAutoConfiguration.class,
                    TimeLimiterAutoConfiguration.class));

    @Test
    void unconfiguredInstanceNameGetsBreakerDefaults() {
        runner.run(context -> {
            CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class)
                    .circuitBreaker("payment")
                    .getCircuitBreakerConfig();
            assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
            assertThat(config.getSlowCallRateThreshold()).isEqualTo(80f);
            assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.getSlidingWindowSize()).isEqualTo(20);
            assertThat(config.getMinimumNumberOfCalls()).isEqualTo(10);
            assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
            assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(10_000L);
        });
    }

    @Test
    void unconfiguredInstanceNameGetsRetryWithJitteredExponentialBackoffOnTransientFailuresOnly() {
        runner.run(context -> {
            RetryConfig config =
                    context.getBean(RetryRegistry.class).retry("payment").getRetryConfig();
            assertThat(config.getMaxAttempts()).isEqualTo(3);
            assertThat(config.getExceptionPredicate().test(new IOException())).isTrue();
            assertThat(config.getExceptionPredicate()
                            .test(HttpClientErrorException.create(HttpStatus.BAD_REQUEST, "", null, null, null)))
                    .isFalse();
            // 200 ms, then 400 ms, each randomised by +-50 %.
            assertThat(config.getIntervalBiFunction().apply(1, Either.left(new IOException())))
                    .isBetween(100L, 300L);
            assertThat(config.getIntervalBiFunction().apply(2, Either.left(new IOException())))
                    .isBetween(200L, 600L);
        });
    }

    @Test
    void applicationsIgnoreExceptionsAddToTheDefaultInConfigsAndInstances() {
        runner.withPropertyValues(
                        "resilience4j.circuitbreaker.configs.default.ignore-exceptions=java.lang.IllegalArgumentException",
                        "resilience4j.circuitbreaker.instances.payment.ignore-exceptions=java.lang.IllegalStateException")
                .run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    Predicate<Throwable> other = registry.circuitBreaker("other")
                            .getCircuitBreakerConfig()
                            .getIgnoreExceptionPredicate();
                    assertThat(other.test(bulkheadFull())).isTrue();
                    assertThat(other.test(new IllegalArgumentException())).isTrue();
                    Predicate<Throwable> payment = registry.circuitBreaker("payment")
                            .getCircuitBreakerConfig()
                            .getIgnoreExceptionPredicate();
                    assertThat(payment.test(bulkheadFull())).isTrue();
                    assertThat(payment.test(new IllegalStateException())).isTrue();
                    assertThat(payment.test(new IOException())).isFalse();
                    assertThat(warnings).isEmpty();
                });
    }

    @Test
    void applicationsRetryExceptionsAddToTheTransientFailurePredicate() {
        runner.withPropertyValues(
                        "resilience4j.retry.instances.payment.retry-exceptions=java.lang.IllegalStateException")
                .run(context -> {
                    Predicate<Throwable> retried = context.getBean(RetryRegistry.class)
                            .retry("payment")
                            .getRetryConfig()
                            .getExceptionPredicate();
                    assertThat(retried.test(new IllegalStateException())).isTrue();
                    assertThat(retried.test(new IOException())).isTrue();
                    assertThat(retried.test(new IllegalArgumentException())).isFalse();
                });
    }

    @Test
    void warnsAtStartUpWhenAnApplicationsPredicateReplacesADefault() {
        runner.withPropertyValues(
                        "resilience4j.circuitbreaker.instances.payment.ignore-exception-predicate="
                                + IgnoreNothing.class.getName(),
                        "resilience4j.retry.configs.default.retry-exception-predicate=" + IgnoreNothing.class.getName())
                .run(context -> {
                    assertThat(context.getBean(CircuitBreakerRegistry.class)
                                    .circuitBreaker("payment")
                                    .getCircuitBreakerConfig()
                                    .getIgnoreExceptionPredicate()
                                    .test(bulkheadFull()))
                            .isFalse();
                    assertThat(warnings)
                            .anySatisfy(warning -> assertThat(warning)
                                    .startsWith(
                                            "resilience4j.circuitbreaker.instances.payment.ignore-exception-predicate=")
                                    .contains("SelfProtectionPredicate"))
                            .anySatisfy(warning -> assertThat(warning)
                                    .startsWith("resilience4j.retry.configs.default.retry-exception-predicate=")
                                    .contains("TransientFailurePredicate"));
                });
    }

    private static BulkheadFullException bulkheadFull() {
        return BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("full"));
    }

    /** An application's own predicate. */
    public static class IgnoreNothing implements Predicate<Throwable> {

        @Override
        public boolean test(Throwable failure) {
            return false;
        }
    }

    @Test
    void unconfiguredInstanceNameGetsBulkheadAndTimeLimiterDefaults() {
        runner.run(context -> {
            assertThat(context.getBean(BulkheadRegistry.class)
                            .bulkhead("payment")
                            .getBulkheadConfig()
                            .getMaxConcurrentCalls())
                    .isEqualTo(25);
            assertThat(context.getBean(TimeLimiterRegistry.class)
                            .timeLimiter("payment")
                            .getTimeLimiterConfig()
                            .getTimeoutDuration())
                    .isEqualTo(Duration.ofSeconds(3));
        });
    }

    @Test
    void resilience4jPropertiesOverrideTheDefaultsKeyByKey() {
        runner.withPropertyValues(
                        "resilience4j.circuitbreaker.configs.default.failure-rate-threshold=25",
                        "resilience4j.circuitbreaker.instances.inventory.sliding-window-size=5")
                .run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    CircuitBreakerConfig payment =
                            registry.circuitBreaker("payment").getCircuitBreakerConfig();
                    assertThat(payment.getFailureRateThreshold()).isEqualTo(25f);
                    assertThat(payment.getSlidingWindowSize()).isEqualTo(20);
                    CircuitBreakerConfig inventory =
                            registry.circuitBreaker("inventory").getCircuitBreakerConfig();
                    assertThat(inventory.getSlidingWindowSize()).isEqualTo(5);
                    // Configured without baseConfig, and still inherits the rest of the defaults.
                    assertThat(inventory.getMinimumNumberOfCalls()).isEqualTo(10);
                    assertThat(inventory.getFailureRateThreshold()).isEqualTo(25f);
                });
    }

    @Test
    void steadfastPropertiesChangeTheDefaults() {
        runner.withPropertyValues(
                        "steadfast.resilience.retry.max-attempts=5",
                        "steadfast.resilience.circuit-breaker.sliding-window-size=50")
                .run(context -> {
                    assertThat(context.getBean(RetryRegistry.class)
                                    .retry("payment")
                                    .getRetryConfig()
                                    .getMaxAttempts())
                            .isEqualTo(5);
                    assertThat(context.getBean(CircuitBreakerRegistry.class)
                                    .circuitBreaker("payment")
                                    .getCircuitBreakerConfig()
                                    .getSlidingWindowSize())
                            .isEqualTo(50);
                });
    }

    @Test
    void circuitBreakerAspectRunsOutsideRetryWhichRunsOutsideTimeLimiterAndBulkhead() {
        runner.run(context -> assertThat(
                        context.getBean(CircuitBreakerAspect.class).getOrder())
                .isLessThan(context.getBean(RetryAspect.class).getOrder())
                .isLessThan(context.getBean(TimeLimiterAspect.class).getOrder())
                .isLessThan(context.getBean(BulkheadAspect.class).getOrder()));
        runner.run(context -> assertThat(context.getBean(RetryAspect.class).getOrder())
                .isLessThan(context.getBean(TimeLimiterAspect.class).getOrder()));
    }

    @Test
    void aspectOrderPropertiesStillWin() {
        runner.withPropertyValues("resilience4j.retry.retry-aspect-order=1")
                .run(context -> assertThat(context.getBean(RetryAspect.class).getOrder())
                        .isLessThan(context.getBean(CircuitBreakerAspect.class).getOrder()));
    }

    @Test
    void leavesResilience4jAloneWhenResilienceIsOff() {
        runner.withPropertyValues("steadfast.resilience.enabled=false").run(context -> {
            assertThat(context.getBean(CircuitBreakerRegistry.class)
                            .circuitBreaker("payment")
                            .getCircuitBreakerConfig()
                            .getSlidingWindowSize())
                    .isEqualTo(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE);
            assertThat(context.getBean(RetryAspect.class).getOrder())
                    .isLessThan(context.getBean(CircuitBreakerAspect.class).getOrder());
        });
    }

    @Test
    void leavesResilience4jAloneWhenSteadfastIsOff() {
        runner.withPropertyValues("steadfast.enabled=false")
                .run(context -> assertThat(context.getBean(CircuitBreakerRegistry.class)
                                .circuitBreaker("payment")
                                .getCircuitBreakerConfig()
                                .getSlidingWindowSize())
                        .isEqualTo(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE));
    }
}
