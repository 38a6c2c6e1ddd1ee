package dev.steadfast.limit.autoconfigure;

import com.netflix.concurrency.limits.Limiter;
import dev.steadfast.limit.internal.AdaptiveLimiter;
import dev.steadfast.limit.internal.ConcurrencyLimiters;
import dev.steadfast.limit.internal.InboundLimitFilter;
import dev.steadfast.limit.internal.InboundLimitWebFilter;
import dev.steadfast.limit.internal.InboundPolicy;
import dev.steadfast.limit.internal.InboundRequest;
import dev.steadfast.limit.internal.ShedResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Inbound load shedding with {@code steadfast.resilience.inbound.enabled=true}: an adaptive limit on the
 * application's concurrent HTTP requests, applied by a servlet filter or, in a WebFlux application, a web filter.
 * The actuator's base path and the {@code /livez} and {@code /readyz} probes are never shed.
 */
@AutoConfiguration(after = ConcurrencyLimitAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "steadfast.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadfast.resilience.inbound.enabled")
@ConditionalOnClass({Limiter.class, PathPatternParser.class})
@ConditionalOnWebApplication
@EnableConfigurationProperties(InboundLimitProperties.class)
@Import({InboundLimitAutoConfiguration.Servlet.class, InboundLimitAutoConfiguration.Reactive.class})
public final class InboundLimitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InboundPolicy steadfastInboundPolicy(InboundLimitProperties properties, Environment environment) {
        InboundPropertiesValidator.validate(properties);
        List<String> excluded = new ArrayList<>(properties.getExcludedPaths());
        String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        if (StringUtils.hasText(actuator) && !actuator.equals("/")) {
            excluded.add(actuator + "/**");
        }
        excluded.add("/livez");
        excluded.add("/readyz");
        Map<String, List<String>> priorityPaths = new LinkedHashMap<>();
        properties.getPriorities().forEach((name, partition) -> priorityPaths.put(name, partition.getPaths()));
        String defaultPriority =
                priorityPaths.isEmpty() ? AdaptiveLimiter.NO_PRIORITY : properties.getDefaultPriority();
        String header = StringUtils.hasText(properties.getPriorityHeader()) ? properties.getPriorityHeader() : null;
        return new InboundPolicy(excluded, header, priorityPaths, defaultPriority);
    }

    @Bean
    @ConditionalOnMissingBean(name = "steadfastInboundLimiter")
    AdaptiveLimiter<InboundRequest> steadfastInboundLimiter(
            InboundLimitProperties properties, ConcurrencyLimiters limiters, InboundPolicy policy) {
        Map<String, Double> shares = new LinkedHashMap<>();
        properties.getPriorities().forEach((name, partition) -> shares.put(name, partition.getShare()));
        return limiters.inbound(properties.toSettings(), shares, policy::priorityOf);
    }

    @Bean
    @ConditionalOnMissingBean
    ShedResponse steadfastShedResponse(InboundLimitProperties properties) {
        return new ShedResponse(properties.getStatus(), properties.getRetryAfter());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({jakarta.servlet.Filter.class, OncePerRequestFilter.class})
    static class Servlet {

        @Bean
        @ConditionalOnMissingBean
        InboundLimitFilter steadfastInboundLimitFilter(
                AdaptiveLimiter<InboundRequest> steadfastInboundLimiter,
                InboundPolicy policy,
                ShedResponse shed,
                InboundLimitProperties properties) {
            return new InboundLimitFilter(steadfastInboundLimiter, policy, shed, properties.getFilterOrder());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(WebFilter.class)
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean
        InboundLimitWebFilter steadfastInboundLimitWebFilter(
                AdaptiveLimiter<InboundRequest> steadfastInboundLimiter,
                InboundPolicy policy,
                ShedResponse shed,
                InboundLimitProperties properties) {
            return new InboundLimitWebFilter(steadfastInboundLimiter, policy, shed, properties.getFilterOrder());
        }
    }
}
