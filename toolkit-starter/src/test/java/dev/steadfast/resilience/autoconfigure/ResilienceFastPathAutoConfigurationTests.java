package dev.steadfast.resilience.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.resilience.internal.Resilience4jAspectsRemover;
import dev.steadfast.resilience.internal.ResilienceInterceptor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect;
import io.github.resilience4j.spring6.retry.configure.RetryAspect;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.fallback.autoconfigure.FallbackConfigurationOnMissingBean;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.spelresolver.autoconfigure.SpelResolverConfigurationOnMissingBean;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ResilienceFastPathAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ResilienceFastPathAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class,
                    RetryAutoConfiguration.class,
                    FallbackConfigurationOnMissingBean.class,
                    SpelResolverConfigurationOnMissingBean.class));

    @Test
    void replacesResilience4jsAspectsWithOneAdvisor() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ResilienceInterceptor.class);
            assertThat(context).hasBean("steadfastResilienceAdvisor");
            assertThat(context.getBean("steadfastResilienceAdvisor", DefaultPointcutAdvisor.class)
                            .getOrder())
                    .isEqualTo(Integer.MAX_VALUE
                            - 5); // where Resilience4j's outermost aspect (by its own default, Retry) sits
            assertThat(context).doesNotHaveBean(CircuitBreakerAspect.class);
            assertThat(context).doesNotHaveBean(RetryAspect.class);
        });
    }

    @Test
    void keepsResilience4jsAspectsWhenTheFastPathIsOff() {
        runner.withPropertyValues("steadfast.resilience.fast-path.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ResilienceInterceptor.class);
                    assertThat(context).doesNotHaveBean(Resilience4jAspectsRemover.class);
                    assertThat(context).hasSingleBean(CircuitBreakerAspect.class);
                    assertThat(context).hasSingleBean(RetryAspect.class);
                });
    }

    @Test
    void keepsAnAspectTheApplicationDeclaresItself() {
        runner.withBean(
                        "myCircuitBreakerAspect",
                        CircuitBreakerAspect.class,
                        () -> new CircuitBreakerAspect(null, null, null, null, null))
                .run(context -> assertThat(context).hasBean("myCircuitBreakerAspect"));
    }

    @Test
    void backsOffWhenResilienceIsOff() {
        runner.withPropertyValues("steadfast.resilience.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ResilienceInterceptor.class);
            assertThat(context).hasSingleBean(CircuitBreakerAspect.class);
        });
    }

    @Test
    void backsOffWhenSteadfastIsOff() {
        runner.withPropertyValues("steadfast.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ResilienceInterceptor.class));
    }

    @Test
    void backsOffWithoutResilience4j() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResilienceFastPathAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(ResilienceInterceptor.class));
    }
}
