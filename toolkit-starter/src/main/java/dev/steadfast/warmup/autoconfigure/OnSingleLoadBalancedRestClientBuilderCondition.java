package dev.steadfast.warmup.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionMessage.Style;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.client.RestClient;

/**
 * Matches when an injection point {@code @LoadBalanced RestClient.Builder} resolves to one bean: a single
 * {@code RestClient.Builder} marked {@code @LoadBalanced}, or several of which exactly one is primary or exactly one is
 * not a fallback. {@code @ConditionalOnSingleCandidate} cannot say this: it knows no qualifier, so it would count the
 * application's other builders (Spring Boot's own among them), and it leaves out beans that are not default candidates,
 * which a load-balanced builder often is so that plain injection points do not get it.
 *
 * <p>A builder counts as load-balanced when its factory method or class carries {@code @LoadBalanced}, as Spring Cloud
 * decides which builders get its load-balancer interceptor.
 */
final class OnSingleLoadBalancedRestClientBuilderCondition extends SpringBootCondition
        implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        // the application's own bean definitions are registered only then
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("@LoadBalanced RestClient.Builder");
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        List<String> builders = Arrays.stream(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(
                        beanFactory, RestClient.Builder.class, true, false))
                .filter(name -> beanFactory.findAnnotationOnBean(name, LoadBalanced.class, false) != null)
                .filter(name -> has(beanFactory, name, BeanDefinition::isAutowireCandidate, true))
                .toList();
        if (builders.isEmpty()) {
            return ConditionOutcome.noMatch(message.didNotFind("any bean").atAll());
        }
        if (builders.size() == 1) {
            return ConditionOutcome.match(message.found("a single bean").items(Style.QUOTE, builders));
        }
        List<String> primary = builders.stream()
                .filter(name -> has(beanFactory, name, BeanDefinition::isPrimary, false))
                .toList();
        List<String> nonFallback = builders.stream()
                .filter(name -> !has(beanFactory, name, BeanDefinition::isFallback, false))
                .toList();
        if (primary.size() == 1 || (primary.isEmpty() && nonFallback.size() == 1)) {
            String chosen = primary.isEmpty() ? nonFallback.get(0) : primary.get(0);
            return ConditionOutcome.match(message.found("the preferred bean '" + chosen + "' from beans")
                    .items(Style.QUOTE, builders));
        }
        return ConditionOutcome.noMatch(
                message.found("several beans and none preferred").items(Style.QUOTE, builders));
    }

    /**
     * Whether the bean's definition has the property; {@code otherwise} for a singleton registered as an object, which
     * has no definition.
     */
    private static boolean has(
            ConfigurableListableBeanFactory beanFactory,
            String name,
            Predicate<BeanDefinition> property,
            boolean otherwise) {
        try {
            return property.test(beanFactory.getMergedBeanDefinition(name));
        } catch (NoSuchBeanDefinitionException ex) {
            return otherwise;
        }
    }
}
