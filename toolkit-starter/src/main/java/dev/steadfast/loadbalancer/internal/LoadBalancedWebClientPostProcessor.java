package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.TriedInstances;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gives every request built by a {@code @LoadBalanced WebClient.Builder} bean a fresh {@link TriedInstances} as the
 * request attribute {@link TriedInstances#ATTRIBUTE}. WebClient applies a builder's default request once per request
 * it builds, and every subscription of that request (each attempt of Resilience4j's reactive retry) shares its
 * attributes, so the attempts of one logical call see each other's instances whatever thread they run on. A record
 * in the subscriber's Reactor context (a hedge puts its call's there) wins over the request's own: see
 * {@link TriedInstancesFromContext}.
 */
public final class LoadBalancedWebClientPostProcessor implements BeanPostProcessor, ApplicationContextAware {

    private ApplicationContext context;

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof WebClient.Builder builder && isLoadBalanced(beanName)) {
            builder.defaultRequest(request -> request.attribute(TriedInstances.ATTRIBUTE, TriedInstances.newCall()));
            // Outermost, before the load balancer's filter whichever post-processor added that one first.
            builder.filters(filters -> filters.add(0, new TriedInstancesFromContext()));
        }
        return bean;
    }

    private boolean isLoadBalanced(String beanName) {
        try {
            return context.findAnnotationOnBean(beanName, LoadBalanced.class) != null;
        } catch (NoSuchBeanDefinitionException ex) {
            // An inner bean: not a @LoadBalanced bean definition.
            return false;
        }
    }
}
