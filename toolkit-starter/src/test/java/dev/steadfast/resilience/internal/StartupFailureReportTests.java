package dev.steadfast.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.steadfast.resilience.Boot3ModuleClassLoader;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

/** A real {@link SpringApplication} run: Boot finds the analyzer and prints its report. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

    @Test
    void reportsAMissingFallbackWithBeanMethodAndFix(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MisconfiguredApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Bean 'paymentClient', method PaymentClient.charge(String)")
                .contains("no method named 'recover' exists")
                .contains("Declare 'String recover(String, Throwable failure)'");
    }

    @Test
    void reportsTheBoot3ModuleOnTheClasspath(CapturedOutput output) {
        SpringApplication application = new SpringApplication(EmptyApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setResourceLoader(new DefaultResourceLoader(new Boot3ModuleClassLoader()));
        assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("resilience4j-spring-boot3 is on the classpath")
                .contains("Remove the dependency on resilience4j-spring-boot3");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class MisconfiguredApp {

        @Bean
        PaymentClient paymentClient() {
            return new PaymentClient();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class EmptyApp {}

    static class PaymentClient {

        @CircuitBreaker(name = "payment", fallbackMethod = "recover")
        public String charge(String orderId) {
            return orderId;
        }
    }
}
