package dev.steadfast.warmup.autoconfigure;

import dev.steadfast.warmup.internal.SelfWarmUp;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Warm-up before readiness for web applications: the configured {@code steadfast.warmup.requests} are sent to the
 * application's own port after its web server has started and before it reports {@code ACCEPTING_TRAFFIC}.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.warmup.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WarmUpProperties.class)
public final class WarmUpAutoConfiguration {

    /** The port Spring Boot publishes once its web server listens ({@code local.server.port}). */
    static final String LOCAL_PORT = "local.server.port";

    @Bean
    @ConditionalOnMissingBean
    SelfWarmUp selfWarmUp(WarmUpProperties properties, Environment environment, ApplicationEventPublisher publisher) {
        return new SelfWarmUp(
                WarmUpRequests.from(properties),
                properties.getIterations(),
                properties.getConcurrency(),
                properties.getTimeout(),
                properties.getRequestTimeout(),
                () -> environment.getProperty(LOCAL_PORT, Integer.class),
                publisher::publishEvent);
    }
}
