package dev.steadfast.demo.payment.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SettlementPropertiesTests {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void defaultsSettleEveryThreeSecondsBehindATwoSecondSafetyLag() {
        runner.run(context -> {
            SettlementProperties properties = context.getBean(SettlementProperties.class);
            assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(properties.safetyLag()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.lookback()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.maxBatchSize()).isEqualTo(500);
        });
    }

    @Test
    void refusesToStartWithAnEmptyBatchSizeNamingTheProperty() {
        runner.withPropertyValues("payment.settlement.max-batch-size=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("payment.settlement")
                    .hasMessageContaining("maxBatchSize");
        });
    }

    @Test
    void refusesToStartWithANegativeSafetyLag() {
        runner.withPropertyValues("payment.settlement.safety-lag=-1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("safetyLag");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SettlementProperties.class)
    static class PropertiesConfiguration {}
}
