package dev.steadfast.demo.payment.failpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class FailpointsTests {

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withUserConfiguration(FailpointsConfiguration.class);

    @Test
    void everyFailpointIsOffByDefault() {
        contexts.run(context -> {
            Failpoints failpoints = context.getBean(Failpoints.class);
            for (Failpoint failpoint : Failpoint.values()) {
                assertThat(failpoints.on(failpoint)).as(failpoint.name()).isFalse();
            }
        });
    }

    @Test
    void turnsOnTheFailpointsThePropertyNames() {
        contexts.withPropertyValues("payment.failpoints.enabled=settle-without-check,skip-database-fence")
                .run(context -> {
                    Failpoints failpoints = context.getBean(Failpoints.class);
                    assertThat(failpoints.on(Failpoint.SETTLE_WITHOUT_CHECK)).isTrue();
                    assertThat(failpoints.on(Failpoint.SKIP_DATABASE_FENCE)).isTrue();
                    assertThat(failpoints.on(Failpoint.SKIP_ASSERT_LEADER)).isFalse();
                });
    }

    @Test
    void addsNoSettlementDelayByDefault() {
        contexts.run(
                context -> assertThat(context.getBean(FailpointProperties.class).settlementDelay())
                        .isZero());
    }

    @Test
    void bindsTheSettlementDelay() {
        contexts.withPropertyValues("payment.failpoints.settlement-delay=3s").run(context -> assertThat(
                        context.getBean(FailpointProperties.class).settlementDelay())
                .isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void refusesANegativeSettlementDelayNamingTheProperty() {
        contexts.withPropertyValues("payment.failpoints.settlement-delay=-1s").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasStackTraceContaining("payment.failpoints.settlement-delay"));
    }

    @Test
    void refusesToStartWithAnUnknownFailpointNamingTheProperty() {
        contexts.withPropertyValues("payment.failpoints.enabled=skip-everything")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("payment.failpoints.enabled"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FailpointProperties.class)
    @Import(Failpoints.class)
    static class FailpointsConfiguration {}
}
