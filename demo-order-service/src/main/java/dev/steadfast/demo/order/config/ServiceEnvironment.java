package dev.steadfast.demo.order.config;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Derives settings from the environment before the application context starts, as defaults that any explicit
 * property overrides:
 *
 * <ul>
 *   <li>{@code order.instance-id}, from {@code INSTANCE_ID} or else {@code <application>-<host>-<pid>}, computed
 *       once so that the election and the discovery registration name the instance alike;
 *   <li>{@code order.payment.url}, from {@code PAYMENT_SERVICE_URL}; without it and without ZooKeeper, the
 *       payment service of a single-instance run on {@code http://localhost:8081};
 *   <li>{@code order.payment.via-discovery}: whether payment calls go through discovery and the load balancer
 *       (ZooKeeper configured and no {@code PAYMENT_SERVICE_URL}), which switches the warm-up's payment-service
 *       requests on (without discovery there is no instance to send them to, and a fixed URL may be a test stub);
 *   <li>Spring Cloud Zookeeper off when no ZooKeeper address is configured, so that a single instance starts
 *       without a ZooKeeper server (Spring Cloud would otherwise dial {@code localhost:2181}).
 * </ul>
 */
public class ServiceEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "orderServiceEnvironment";

    static final String SINGLE_INSTANCE_PAYMENT_URL = "http://localhost:8081";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String instanceId = environment.getProperty("INSTANCE_ID");
        if (!StringUtils.hasText(instanceId)) {
            // RuntimeMXBean names the JVM "pid@host".
            String[] pidAtHost = ManagementFactory.getRuntimeMXBean().getName().split("@", 2);
            String host = (pidAtHost.length > 1) ? pidAtHost[1] : "localhost";
            instanceId = environment.getProperty("spring.application.name", "order-service") + "-" + host + "-"
                    + pidAtHost[0];
        }
        defaults.put("order.instance-id", instanceId);
        boolean zookeeper = StringUtils.hasText(environment.getProperty("spring.cloud.zookeeper.connect-string"));
        String paymentUrl = environment.getProperty("PAYMENT_SERVICE_URL");
        if (StringUtils.hasText(paymentUrl)) {
            defaults.put("order.payment.url", paymentUrl);
        } else if (!zookeeper) {
            defaults.put("order.payment.url", SINGLE_INSTANCE_PAYMENT_URL);
        }
        defaults.put("order.payment.via-discovery", String.valueOf(zookeeper && !StringUtils.hasText(paymentUrl)));
        if (!zookeeper) {
            defaults.put("spring.cloud.zookeeper.enabled", "false");
            defaults.put("spring.cloud.zookeeper.discovery.enabled", "false");
            defaults.put("spring.cloud.service-registry.auto-registration.enabled", "false");
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }
}
