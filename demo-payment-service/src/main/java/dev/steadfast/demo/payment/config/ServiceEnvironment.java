package dev.steadfast.demo.payment.config;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Derives two settings from the environment before the application context starts, as defaults that any
 * explicit property overrides:
 *
 * <ul>
 *   <li>{@code payment.instance-id}, from {@code INSTANCE_ID} or else {@code <application>-<host>-<pid>}, computed
 *       once so that the election, the discovery registration and the tables all name the instance alike;
 *   <li>Spring Cloud Zookeeper off when no ZooKeeper address is configured, so that a single instance starts
 *       without a ZooKeeper server (Spring Cloud would otherwise dial {@code localhost:2181}).
 * </ul>
 */
public class ServiceEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "paymentServiceEnvironment";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String instanceId = environment.getProperty("INSTANCE_ID");
        if (!StringUtils.hasText(instanceId)) {
            // RuntimeMXBean names the JVM "pid@host".
            String[] pidAtHost = ManagementFactory.getRuntimeMXBean().getName().split("@", 2);
            String host = (pidAtHost.length > 1) ? pidAtHost[1] : "localhost";
            instanceId = environment.getProperty("spring.application.name", "payment-service") + "-" + host + "-"
                    + pidAtHost[0];
        }
        defaults.put("payment.instance-id", instanceId);
        if (!StringUtils.hasText(environment.getProperty("spring.cloud.zookeeper.connect-string"))) {
            defaults.put("spring.cloud.zookeeper.enabled", "false");
            defaults.put("spring.cloud.zookeeper.discovery.enabled", "false");
            defaults.put("spring.cloud.service-registry.auto-registration.enabled", "false");
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }
}
