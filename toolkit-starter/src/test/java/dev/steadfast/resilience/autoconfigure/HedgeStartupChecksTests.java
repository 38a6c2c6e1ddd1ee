package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.resilience.Hedge;
import dev.steadfast.resilience.ResilienceConfigurationException;
import dev.steadfast.resilience.internal.HedgeDelays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class HedgeStartupChecksTests {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HedgeAutoConfiguration.class));

    @Test
    void refusesAHedgeOnAMethodNotDeclaredIdempotentNamingTheMethod() {
        runner.withBean("payments", NotIdempotent.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(ResilienceConfigurationException.class)
                    .hasMessageContaining("Bean 'payments', method NotIdempotent.charge(String)")
                    .hasMessageContaining("idempotent = true");
        });
    }

    @Test
    void refusesADelayThatIsNotADuration() {
        runner.withBean("lookups", BadDelay.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("soon");
        });
    }

    @Test
    void refusesADelayPercentileOf100NamingThePropertyAndTheFix() {
        runner.withPropertyValues("steadfast.resilience.hedge.instances.lookups.delay-percentile=100")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(ResilienceConfigurationException.class)
                            .hasMessageContaining(
                                    "'steadfast.resilience.hedge.instances.lookups.delay-percentile' is 100")
                            .satisfies(failure -> assertThat(((ResilienceConfigurationException) failure).fix())
                                    .contains("above 0 and below 100"));
                });
    }

    @Test
    void refusesAMaxExtraLoadOfZeroNamingThePropertyAndTheFix() {
        runner.withPropertyValues("steadfast.resilience.hedge.instances.lookups.max-extra-load=0")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("'steadfast.resilience.hedge.instances.lookups.max-extra-load' is 0.0")
                        .satisfies(failure -> assertThat(((ResilienceConfigurationException) failure).fix())
                                .contains("above 0 and at most 100")));
    }

    @Test
    void limitsTheExtraLoadOfAPercentileDelayToTheShareItHedgesUnlessStated() {
        runner.withPropertyValues(
                        "steadfast.resilience.hedge.delay-percentile=95",
                        "steadfast.resilience.hedge.instances.tail.delay-percentile=99",
                        "steadfast.resilience.hedge.instances.stated.max-extra-load=12")
                .run(context -> {
                    HedgeDelays delays = context.getBean(HedgeDelays.class);
                    assertThat(delays.maxExtraLoad("any")).isEqualTo(5.0);
                    assertThat(delays.maxExtraLoad("tail")).isEqualTo(1.0);
                    assertThat(delays.maxExtraLoad("stated")).isEqualTo(12.0);
                });
        runner.withPropertyValues(
                        "steadfast.resilience.hedge.max-extra-load=8",
                        "steadfast.resilience.hedge.instances.tail.delay-percentile=99")
                .run(context -> {
                    HedgeDelays delays = context.getBean(HedgeDelays.class);
                    assertThat(delays.maxExtraLoad("fixed")).isEqualTo(8.0);
                    assertThat(delays.maxExtraLoad("tail")).isEqualTo(8.0);
                });
        runner.run(context -> assertThat(context.getBean(HedgeDelays.class).maxExtraLoad("fixed"))
                .isNull());
    }

    @Test
    void refusesACeilingBelowTheFloor() {
        runner.withPropertyValues(
                        "steadfast.resilience.hedge.delay-percentile=95",
                        "steadfast.resilience.hedge.min-delay=50ms",
                        "steadfast.resilience.hedge.max-delay=10ms")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("'steadfast.resilience.hedge.max-delay' is PT0.01S"));
    }

    @Test
    void refusesAnInstanceWithoutSamplesOrWithASubSecondWindow() {
        runner.withPropertyValues(
                        "steadfast.resilience.hedge.instances.a.delay-percentile=95",
                        "steadfast.resilience.hedge.instances.a.min-samples=0")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("'steadfast.resilience.hedge.instances.a.min-samples' is 0"));
        runner.withPropertyValues(
                        "steadfast.resilience.hedge.delay-percentile=95", "steadfast.resilience.hedge.window=500ms")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("'steadfast.resilience.hedge.window'"));
    }

    @Test
    void refusesANegativeDelay() {
        runner.withPropertyValues("steadfast.resilience.hedge.delay=-1ms")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("'steadfast.resilience.hedge.delay' is PT-0.001S"));
    }

    @Test
    void instancesInheritTheDefaultsKeyByKey() {
        runner.withPropertyValues(
                        "steadfast.resilience.hedge.delay-percentile=95",
                        "steadfast.resilience.hedge.instances.a.max-delay=20ms",
                        "steadfast.resilience.hedge.instances.b.min-delay=30ms")
                // b inherits the ceiling of 1s; a inherits the floor of 5ms, below its 20ms ceiling
                .run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues(
                        "steadfast.resilience.hedge.delay-percentile=95",
                        "steadfast.resilience.hedge.max-delay=20ms",
                        "steadfast.resilience.hedge.instances.b.min-delay=30ms")
                // b inherits the 20ms ceiling, now below its own floor
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("'steadfast.resilience.hedge.instances.b.max-delay'"));
    }

    @Test
    void refusesAHedgeOnAFluxSayingWhy() {
        runner.withBean("streams", OnFlux.class).run(context -> assertThat(context.getStartupFailure())
                .rootCause()
                .isInstanceOf(ResilienceConfigurationException.class)
                .hasMessageContaining("Bean 'streams', method OnFlux.all()")
                .hasMessageContaining("a stream that a hedge cannot race"));
    }

    @Test
    void acceptsAHedgeOnAMono() {
        runner.withBean("lookups", OnMono.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void acceptsAnIdempotentHedge() {
        runner.withBean("lookups", Idempotent.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    static class NotIdempotent {

        @Hedge(name = "payments")
        public String charge(String order) {
            return order;
        }
    }

    static class BadDelay {

        @Hedge(name = "lookups", idempotent = true, delay = "soon")
        public String find(String key) {
            return key;
        }
    }

    static class OnFlux {

        @Hedge(name = "streams", idempotent = true)
        public Flux<String> all() {
            return Flux.just("a");
        }
    }

    static class OnMono {

        @Hedge(name = "lookups", idempotent = true)
        public Mono<String> find() {
            return Mono.just("a");
        }
    }

    static class Idempotent {

        @Hedge(name = "lookups", idempotent = true)
        public String find(String key) {
            return key;
        }
    }
}
