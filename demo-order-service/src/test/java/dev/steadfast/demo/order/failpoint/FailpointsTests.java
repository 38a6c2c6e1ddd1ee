package dev.steadfast.demo.order.failpoint;

import static org.assertj.core.api.Assertions.assertThat;

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
        contexts.withPropertyValues("order.failpoints.enabled=ack-before-commit")
                .run(context -> assertThat(context.getBean(Failpoints.class).on(Failpoint.ACK_BEFORE_COMMIT))
                        .isTrue());
    }

    @Test
    void refusesToStartWithAnUnknownFailpointNamingTheProperty() {
        contexts.withPropertyValues("order.failpoints.enabled=skip-everything").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasStackTraceContaining("order.failpoints.enabled"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FailpointProperties.class)
    @Import(Failpoints.class)
    static class FailpointsConfiguration {}
}
