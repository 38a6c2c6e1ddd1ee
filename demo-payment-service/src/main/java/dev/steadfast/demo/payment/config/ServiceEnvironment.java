package dev.steadfast.demo.payment.config;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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
 *       without a ZooKeeper server (Spring Cloud would otherwise dial {@code localhost:2181});
 *   <li>the starter's test-only {@code steadfast.leader.test-only.act-on-lapsed-lease} on when the test-only
 *       failpoint {@code act-on-lapsed-lease} is, since that protection lives in the starter, not in this service.
 * </ul>
 */
public class ServiceEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "paymentServiceEnvironment";

    private static final String ACT_ON_LAPSED_LEASE = "act-on-lapsed-lease";

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
        Set<String> failpoints = Binder.get(environment)
                .bind("payment.failpoints.enabled", Bindable.setOf(String.class))
                .orElse(Set.of());
        // Spelled as in properties (act-on-lapsed-lease) or as the constant: the binder accepts both for the enum.
        if (failpoints.stream()
                .anyMatch(name ->
                        name.trim().toLowerCase(Locale.ROOT).replace('_', '-').equals(ACT_ON_LAPSED_LEASE))) {
            defaults.put("steadfast.leader.test-only.act-on-lapsed-lease", "true");
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }
}
