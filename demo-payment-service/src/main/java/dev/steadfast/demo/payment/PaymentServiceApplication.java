package dev.steadfast.demo.payment;

import dev.steadfast.demo.support.web.ApiExceptionHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Authorizes payments and settles them in batches. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(ApiExceptionHandler.class)
public class PaymentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentServiceApplication.class, args);
    }
}
