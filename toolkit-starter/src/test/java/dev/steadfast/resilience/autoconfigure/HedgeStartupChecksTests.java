package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.resilience.Hedge;
import dev.steadfast.resilience.ResilienceConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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

    static class Idempotent {

        @Hedge(name = "lookups", idempotent = true)
        public String find(String key) {
            return key;
        }
    }
}
