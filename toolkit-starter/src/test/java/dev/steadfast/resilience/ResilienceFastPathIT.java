package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.steadfast.resilience.internal.ResilienceInterceptor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.spring6.bulkhead.configure.BulkheadAspect;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect;
import io.github.resilience4j.spring6.ratelimiter.configure.RateLimiterAspect;
import io.github.resilience4j.spring6.retry.configure.RetryAspect;
import io.github.resilience4j.spring6.timelimiter.configure.TimeLimiterAspect;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.aspectj.AspectJPrecedenceInformation;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Steadfast's advisor against Resilience4j's aspects, in full Boot contexts: who is on the call path, how a failing
 * call is counted, the order of the patterns, fallbacks, class-level annotations and the switch.
 */
class ResilienceFastPathIT {

    private static ConfigurableApplicationContext fastPath;

    private static ConfigurableApplicationContext aspects;

    private static ConfigurableApplicationContext retryOutside;

    @BeforeAll
    static void startContexts() {
        fastPath = start(App.class);
        aspects = start(App.class, "steadfast.resilience.fast-path.enabled=false");
        retryOutside = start(
                FailingDependency.class,
                "resilience4j.retry.retry-aspect-order=1",
                "resilience4j.circuitbreaker.circuit-breaker-aspect-order=2");
    }

    @AfterAll
    static void closeContexts() {
        for (ConfigurableApplicationContext context : List.of(fastPath, aspects, retryOutside)) {
            context.close();
        }
    }

    @Test
    void steadfastsInterceptorIsTheOnlyAdviceOnTheCallPath() {
        assertThat(advisors(fastPath)).singleElement().satisfies(advisor -> assertThat(advisor.getAdvice())
                .isInstanceOf(ResilienceInterceptor.class));
        for (Class<?> aspect : List.of(
                CircuitBreakerAspect.class,
                RetryAspect.class,
                RateLimiterAspect.class,
                TimeLimiterAspect.class,
                BulkheadAspect.class)) {
            assertThat(fastPath.getBeanNamesForType(aspect)).isEmpty();
        }
    }

    @Test
    void oneFailingCallIsOneBreakerFailureAfterThreeAttempts() {
        assertOneBreakerFailureAfterThreeAttempts(fastPath);
    }

    @Test
    void withTheFastPathOffResilience4jsAspectsServeTheAnnotationsInTheSameOrder() {
        assertThat(advisors(aspects)).hasSize(2).allSatisfy(advisor -> assertThat(advisor)
                .isInstanceOf(AspectJPrecedenceInformation.class));
        assertThat(aspects.getBeanNamesForType(CircuitBreakerAspect.class)).hasSize(1);
        assertOneBreakerFailureAfterThreeAttempts(aspects);
    }

    @Test
    void aspectOrderPropertiesStillDecideTheOrder() {
        FailingDependency dependency = retryOutside.getBean(FailingDependency.class);
        assertThatExceptionOfType(IOException.class).isThrownBy(dependency::down);
        // Retry outside the breaker: each of the three attempts is a breaker failure.
        assertThat(breakers(retryOutside).circuitBreaker("down").getMetrics().getNumberOfFailedCalls())
                .isEqualTo(3);
    }

    @Test
    void fallbackPicksTheOverloadForTheFailureAfterTheRetries() throws IOException {
        Collaborator collaborator = fastPath.getBean(Collaborator.class);
        assertThat(collaborator.recovering("o-1")).isEqualTo("queued o-1");
        assertThat(collaborator.rejecting("o-2")).isEqualTo("rejected o-2");
        var retry = fastPath.getBean(RetryRegistry.class).retry("recovering").getMetrics();
        assertThat(retry.getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
        assertThat(breakers(fastPath).circuitBreaker("recovering").getMetrics().getNumberOfFailedCalls())
                .isEqualTo(1);
    }

    @Test
    void timeLimitedFutureFallsBackWhenItTimesOut() throws Exception {
        Collaborator collaborator = fastPath.getBean(Collaborator.class);
        assertThat(collaborator.slow().get(10, TimeUnit.SECONDS)).isEqualTo("timed out");
        assertThat(breakers(fastPath).circuitBreaker("slow").getMetrics().getNumberOfFailedCalls())
                .isEqualTo(1);
    }

    @Test
    void namesComputedFromTheArgumentsAreResolvedOnEachCall() {
        Collaborator collaborator = fastPath.getBean(Collaborator.class);
        collaborator.perTenant("tenant-a");
        collaborator.perTenant("tenant-b");
        assertThat(breakers(fastPath).circuitBreaker("tenant-a").getMetrics().getNumberOfSuccessfulCalls())
                .isEqualTo(1);
        assertThat(breakers(fastPath).circuitBreaker("tenant-b").getMetrics().getNumberOfSuccessfulCalls())
                .isEqualTo(1);
    }

    @Test
    void classLevelAnnotationGuardsThePublicMethods() {
        ClassLevelCollaborator collaborator = fastPath.getBean(ClassLevelCollaborator.class);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(collaborator::call);
        assertThat(breakers(fastPath).circuitBreaker("classLevel").getMetrics().getNumberOfFailedCalls())
                .isEqualTo(1);
    }

    private static void assertOneBreakerFailureAfterThreeAttempts(ConfigurableApplicationContext context) {
        FailingDependency dependency = context.getBean(FailingDependency.class);
        int before = dependency.attempts();
        assertThatExceptionOfType(IOException.class).isThrownBy(dependency::down);
        assertThat(dependency.attempts() - before).isEqualTo(3);
        assertThat(breakers(context).circuitBreaker("down").getMetrics().getNumberOfFailedCalls())
                .isEqualTo(1);
        assertThat(context.getBean(RetryRegistry.class)
                        .retry("down")
                        .getMetrics()
                        .getNumberOfFailedCallsWithRetryAttempt())
                .isEqualTo(1);
    }

    private static List<Advisor> advisors(ConfigurableApplicationContext context) {
        return Arrays.asList(((Advised) context.getBean(FailingDependency.class)).getAdvisors()).stream()
                .filter(advisor -> !advisor.getClass().getName().contains("ExposeInvocationInterceptor"))
                .filter(advisor -> !advisor.getAdvice().getClass().getName().contains("ExposeInvocationInterceptor"))
                .toList();
    }

    private static CircuitBreakerRegistry breakers(ConfigurableApplicationContext context) {
        return context.getBean(CircuitBreakerRegistry.class);
    }

    private static ConfigurableApplicationContext start(Class<?> source, String... properties) {
        return new SpringApplicationBuilder(Boot.class, source)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.cloud.zookeeper.enabled=false",
                        "steadfast.resilience.retry.wait-duration=1ms",
                        "steadfast.resilience.retry.max-wait-duration=5ms",
                        "steadfast.resilience.time-limiter.timeout-duration=200ms")
                // Arguments, because Steadfast's own order sits below anything the application sets.
                .run(Arrays.stream(properties).map(property -> "--" + property).toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Boot {}

    static class App {

        @Bean
        FailingDependency failingDependency() {
            return new FailingDependency();
        }

        @Bean
        Collaborator collaborator() {
            return new Collaborator();
        }

        @Bean
        ClassLevelCollaborator classLevelCollaborator() {
            return new ClassLevelCollaborator();
        }
    }
}
