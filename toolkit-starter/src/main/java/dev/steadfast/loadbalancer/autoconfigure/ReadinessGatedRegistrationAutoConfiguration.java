package dev.steadfast.loadbalancer.autoconfigure;

import dev.steadfast.loadbalancer.internal.ReadinessGatedRegistrationPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistration;
import org.springframework.context.annotation.Bean;

/**
 * Registers the instance in ZooKeeper only once the application is ready: Spring Cloud Zookeeper's auto-registration
 * (where its own conditions put one: discovery on, auto-registration not switched off) is replaced by one that
 * registers on {@code ReadinessState.ACCEPTING_TRAFFIC} instead of on the web server's start, and deregisters on
 * {@code REFUSING_TRAFFIC}. Spring Cloud still builds the registration (payload, metadata, address) and its events.
 */
@AutoConfiguration
@ConditionalOnClass({ZookeeperAutoServiceRegistration.class, WebServerInitializedEvent.class})
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.loadbalancer.register-when-ready", matchIfMissing = true)
public final class ReadinessGatedRegistrationAutoConfiguration {

    /** Static: it changes bean definitions, before any bean of this configuration could exist. */
    @Bean
    @ConditionalOnMissingBean
    static ReadinessGatedRegistrationPostProcessor readinessGatedRegistrationPostProcessor() {
        return new ReadinessGatedRegistrationPostProcessor();
    }
}
