package dev.steadfast.loadbalancer.internal;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Puts {@link ReadinessGatedZookeeperAutoServiceRegistration} in the place of the {@code ZookeeperAutoServiceRegistration}
 * that Spring Cloud Zookeeper's auto-configuration defines (its bean method does not back off for another bean of the
 * type, and overriding a definition is off in Spring Boot): same bean name, same collaborators, so everything that
 * looks the registration up finds it. A registration the application defines itself is left alone.
 */
public final class ReadinessGatedRegistrationPostProcessor implements BeanDefinitionRegistryPostProcessor {

    /** The bean Spring Cloud Zookeeper's {@code ZookeeperAutoServiceRegistrationAutoConfiguration} defines. */
    static final String BEAN_NAME = "zookeeperAutoServiceRegistration";

    private static final String SPRING_CLOUD_CONFIGURATION =
            "org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistrationAutoConfiguration";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(BEAN_NAME)) {
            return;
        }
        BeanDefinition original = registry.getBeanDefinition(BEAN_NAME);
        if (!SPRING_CLOUD_CONFIGURATION.equals(original.getFactoryBeanName())) {
            return;
        }
        RootBeanDefinition gated = new RootBeanDefinition(ReadinessGatedZookeeperAutoServiceRegistration.class);
        gated.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        gated.setDescription("Spring Cloud Zookeeper's auto-registration, registering once the application is ready");
        registry.removeBeanDefinition(BEAN_NAME);
        registry.registerBeanDefinition(BEAN_NAME, gated);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
