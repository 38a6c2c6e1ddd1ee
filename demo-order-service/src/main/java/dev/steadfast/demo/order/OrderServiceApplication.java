package dev.steadfast.demo.order;

import dev.steadfast.demo.support.web.ApiExceptionHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Takes orders and pays for them through the payment service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(ApiExceptionHandler.class)
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
