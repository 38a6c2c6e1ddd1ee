package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.steadfast.resilience.Boot3ModuleClassLoader;
import dev.steadfast.resilience.ResilienceConfigurationException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.test.context.support.TestPropertySourceUtils;

class ResilienceDefaultsEnvironmentPostProcessorTests {

    private final StandardEnvironment environment = new StandardEnvironment();

    private final SpringApplication application = new SpringApplication();

    @Test
    void putsCircuitBreakerHealthIntoReadinessOnlyAndNeverLetsAnOpenBreakerFailIt() {
        postProcess();
        assertThat(environment.getProperty("management.health.circuitbreakers.enabled"))
                .isEqualTo("true");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,circuitBreakers");
        assertThat(environment.getProperty("management.endpoint.health.group.liveness.include"))
                .isNull();
        assertThat(environment.getProperty(
                        "resilience4j.circuitbreaker.configs.default.allow-health-indicator-to-fail"))
                .isEqualTo("false");
    }

    @Test
    void leavesReadinessAloneWhenBreakerHealthIsSwitchedOff() {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                environment, "management.health.circuitbreakers.enabled=false");
        postProcess();
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isNull();
    }

    @Test
    void defaultsTheReadTimeoutOfBootsHttpClients() {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                environment, "steadfast.resilience.http-client.read-timeout=750ms");
        postProcess();
        assertThat(environment.getProperty("spring.http.clients.read-timeout")).isEqualTo("750ms");
        assertThat(environment.getProperty("spring.http.clients.connect-timeout"))
                .isEqualTo("1000ms");
    }

    @Test
    void applicationPropertiesOutrankTheDefaults() {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                environment,
                "spring.http.clients.read-timeout=10s",
                "resilience4j.retry.configs.default.maxAttempts=7");
        postProcess();
        assertThat(environment.getProperty("spring.http.clients.read-timeout")).isEqualTo("10s");
        assertThat(environment.getPropertySources().stream().reduce((first, second) -> second))
                .get()
                .extracting(source -> source.getName())
                .isEqualTo(ResilienceDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
    }

    @Test
    void addsNothingWhenSteadfastIsOff() {
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("test", java.util.Map.of("steadfast.enabled", "false")));
        postProcess();
        assertThat(environment
                        .getPropertySources()
                        .contains(ResilienceDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
                .isFalse();
    }

    @Test
    void refusesToStartWithTheBoot3ModuleOnTheClasspath() {
        application.setResourceLoader(new DefaultResourceLoader(new Boot3ModuleClassLoader()));
        assertThatExceptionOfType(ResilienceConfigurationException.class)
                .isThrownBy(this::postProcess)
                .withMessageContaining("resilience4j-spring-boot3")
                .satisfies(failure -> assertThat(failure.fix()).contains("Remove the dependency"));
    }

    private void postProcess() {
        new ResilienceDefaultsEnvironmentPostProcessor(Supplier::get).postProcessEnvironment(environment, application);
    }
}
