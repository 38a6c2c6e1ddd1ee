package dev.steadfast.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.resilience.ResilienceConfigurationException;
import dev.steadfast.resilience.autoconfigure.ResilienceAutoConfiguration;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import kotlin.coroutines.Continuation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import reactor.core.publisher.Mono;

class ResilienceStartupChecksTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues(
                    // Steadfast's order (what its environment post-processor sets): CircuitBreaker outside Retry.
                    "resilience4j.circuitbreaker.circuit-breaker-aspect-order=2147483642",
                    "resilience4j.retry.retry-aspect-order=2147483643")
            .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

    @Test
    void refusesAFallbackMethodThatDoesNotExist() {
        runner.withBean("paymentClient", MissingFallback.class)
                .run(failsWith(
                        "Bean 'paymentClient', method MissingFallback.charge(String)",
                        "no method named 'recover' exists",
                        "Declare 'String recover(String, Throwable failure)'"));
    }

    @Test
    void refusesAFallbackMethodWhoseParametersCannotMatch() {
        runner.withBean("paymentClient", WrongParameters.class)
                .run(failsWith(
                        "method WrongParameters.charge(String)",
                        "but no overload can serve as its fallback (found: WrongParameters.recover(Long, Throwable))",
                        "Declare 'String recover(String, Throwable failure)'"));
    }

    @Test
    void refusesAFallbackMethodWhoseReturnTypeCannotMatch() {
        runner.withBean("paymentClient", WrongReturnType.class)
                .run(failsWith(
                        "method WrongReturnType.charge(String)",
                        "found: WrongReturnType.recover(String, Throwable)",
                        "returning a type assignable to String"));
    }

    @Test
    void refusesAnnotationsOnAFinalClass() {
        runner.withBean("paymentClient", FinalClient.class)
                .run(failsWith(
                        "Bean 'paymentClient'",
                        "which is final (records are too), so Spring cannot create the proxy",
                        "Remove 'final' from FinalClient"));
    }

    @Test
    void refusesAnnotationsOnARecord() {
        runner.withBean("paymentClient", RecordClient.class, () -> new RecordClient("x"))
                .run(failsWith("Bean 'paymentClient'", "which is final", "plain class instead of a record"));
    }

    @Test
    void refusesAnnotationsOnAFinalMethod() {
        runner.withBean("paymentClient", FinalMethod.class)
                .run(failsWith(
                        "Bean 'paymentClient', method FinalMethod.charge()",
                        "@Retry is on a final method, which Spring's proxy cannot intercept",
                        "neither final nor static"));
    }

    @Test
    void refusesAnnotationsOnAPrivateMethod() {
        runner.withBean("paymentClient", PrivateMethod.class)
                .run(failsWith(
                        "Bean 'paymentClient', method PrivateMethod.charge()",
                        "@Bulkhead is on a private method",
                        "Make the method public"));
    }

    @Test
    void refusesAFallbackOnAnInnerAspectThatWouldSwallowFailures() {
        runner.withBean("paymentClient", InnerFallback.class)
                .run(failsWith(
                        "Bean 'paymentClient', method InnerFallback.charge()",
                        "fallbackMethod is set on @Retry, whose aspect runs inside @CircuitBreaker",
                        "Move fallbackMethod to @CircuitBreaker"));
    }

    @Test
    void acceptsEveryFallbackShapeResilience4jResolves() {
        runner.withBean("paymentClient", GoodClient.class)
                .withBean("classLevel", ClassLevelClient.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void checksNothingWhenResilienceIsOff() {
        runner.withPropertyValues("steadfast.resilience.enabled=false")
                .withBean("paymentClient", MissingFallback.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void acceptsAThreadPoolBulkheadAndReactiveTypesOnTheFastPath() {
        runner.withBean("paymentClient", ThreadPoolBulkheadClient.class)
                .withBean("reactiveClient", ReactiveClient.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void namesEverySuspendFunctionOfEveryBeanInOneReport() {
        runner.withBean("paymentClient", SuspendingClient.class)
                .withBean("refundClient", OtherSuspendingClient.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new ResilienceFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .contains("3 method(s) with Resilience4j annotations cannot be decorated correctly")
                            .contains("Bean 'paymentClient', method SuspendingClient.charge(String, Continuation)")
                            .contains("Bean 'paymentClient', method SuspendingClient.settle(Continuation)")
                            .contains("Bean 'refundClient', method OtherSuspendingClient.refund(Continuation)")
                            .contains("Kotlin suspend function");
                });
    }

    @Test
    void acceptsSuspendFunctionsWhenResilience4jsAspectsServeThem() {
        runner.withPropertyValues("steadfast.resilience.fast-path.enabled=false")
                .withBean("paymentClient", SuspendingClient.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static ContextConsumer<AssertableApplicationContext> failsWith(String where, String problem, String fix) {
        return context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(ResilienceConfigurationException.class);
            FailureAnalysis analysis = new ResilienceFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(where).contains(problem);
            assertThat(analysis.getAction()).contains(fix);
        };
    }

    static class MissingFallback {

        @CircuitBreaker(name = "payment", fallbackMethod = "recover")
        public String charge(String orderId) {
            return orderId;
        }
    }

    static class WrongParameters {

        @CircuitBreaker(name = "payment", fallbackMethod = "recover")
        public String charge(String orderId) {
            return orderId;
        }

        public String recover(Long orderId, Throwable failure) {
            return "fallback";
        }
    }

    static class WrongReturnType {

        @CircuitBreaker(name = "payment", fallbackMethod = "recover")
        public String charge(String orderId) {
            return orderId;
        }

        public Integer recover(String orderId, Throwable failure) {
            return 0;
        }
    }

    static final class FinalClient {

        @Retry(name = "payment")
        public String charge() {
            return "ok";
        }
    }

    record RecordClient(String name) {

        @CircuitBreaker(name = "payment")
        public String charge() {
            return name;
        }
    }

    static class FinalMethod {

        @Retry(name = "payment")
        public final String charge() {
            return "ok";
        }
    }

    static class PrivateMethod {

        public String call() {
            return charge();
        }

        @Bulkhead(name = "payment")
        private String charge() {
            return "ok";
        }
    }

    static class InnerFallback {

        @CircuitBreaker(name = "payment")
        @Retry(name = "payment", fallbackMethod = "recover")
        public String charge() {
            return "ok";
        }

        public String recover(Throwable failure) {
            return "fallback";
        }
    }

    static class ThreadPoolBulkheadClient {

        @Bulkhead(name = "payment", type = Bulkhead.Type.THREADPOOL)
        public CompletableFuture<String> charge() {
            return CompletableFuture.completedFuture("ok");
        }
    }

    static class ReactiveClient {

        @CircuitBreaker(name = "payment")
        @Retry(name = "payment")
        public Mono<String> charge() {
            return Mono.just("ok");
        }
    }

    /** Compiled as the Kotlin compiler compiles {@code suspend fun}: a trailing {@link Continuation}. */
    static class SuspendingClient {

        @CircuitBreaker(name = "payment")
        public Object charge(String orderId, Continuation<? super String> continuation) {
            return orderId;
        }

        @Retry(name = "payment")
        public Object settle(Continuation<? super String> continuation) {
            return "ok";
        }
    }

    static class OtherSuspendingClient {

        @Bulkhead(name = "refund")
        public Object refund(Continuation<? super String> continuation) {
            return "ok";
        }
    }

    static class GoodClient {

        @CircuitBreaker(name = "payment", fallbackMethod = "recover")
        @Retry(name = "payment")
        public String charge(String orderId) {
            return orderId;
        }

        @Retry(name = "payment", fallbackMethod = "recoverAny")
        public CharSequence refund(String orderId, int amount) {
            return orderId;
        }

        @Bulkhead(name = "payment", fallbackMethod = "#{'recover'}")
        public String settle() {
            return "ok";
        }

        String recover(String orderId, IOException failure) {
            return "io";
        }

        String recover(String orderId, Throwable failure) {
            return "any";
        }

        String recoverAny(Throwable failure) {
            return "any";
        }
    }

    @CircuitBreaker(name = "payment", fallbackMethod = "recover")
    static class ClassLevelClient {

        public String charge(String orderId) {
            return orderId;
        }

        String recover(Throwable failure) {
            return "fallback";
        }
    }
}
