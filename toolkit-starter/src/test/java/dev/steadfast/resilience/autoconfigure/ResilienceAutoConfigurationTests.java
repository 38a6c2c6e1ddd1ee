package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.resilience.internal.ResilienceAnnotationValidator;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ResilienceAutoConfigurationTests {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

    @Test
    void registersStartupChecksAndProperties() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ResilienceAnnotationValidator.class);
            assertThat(context).hasSingleBean(ResilienceProperties.class);
        });
    }

    @Test
    void userValidatorWins() {
        runner.withUserConfiguration(UserValidator.class).run(context -> {
            assertThat(context).hasSingleBean(ResilienceAnnotationValidator.class);
            assertThat(context).hasBean("myValidator");
        });
    }

    @Test
    void backsOffWhenResilienceIsOff() {
        runner.withPropertyValues("steadfast.resilience.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ResilienceAnnotationValidator.class));
    }

    @Test
    void backsOffWhenSteadfastIsOff() {
        runner.withPropertyValues("steadfast.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ResilienceAnnotationValidator.class));
    }

    @Test
    void backsOffWithoutResilience4j() {
        runner.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(ResilienceAnnotationValidator.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserValidator {

        @Bean
        static ResilienceAnnotationValidator myValidator() {
            return new ResilienceAnnotationValidator(Map.of());
        }
    }
}
