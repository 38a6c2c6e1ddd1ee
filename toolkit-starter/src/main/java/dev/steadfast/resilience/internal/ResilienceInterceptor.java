package dev.steadfast.resilience.internal;

import io.github.resilience4j.core.functions.CheckedFunction;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.MergedAnnotation;

/**
 * Applies Resilience4j's annotations to a call through a chain of Resilience4j's decorators built on the method's
 * first call and cached: per call, only a map lookup stands between the proxy and the patterns.
 */
public final class ResilienceInterceptor implements MethodInterceptor {

    private final Map<Class<? extends Annotation>, Integer> aspectOrders;

    private final DecoratorChains chains;

    private final Map<MethodClassKey, CheckedFunction<MethodInvocation, Object>> cache = new ConcurrentHashMap<>();

    /**
     * Creates the interceptor.
     *
     * @param aspectOrders the order of each annotation's pattern (lower runs outside), as for Resilience4j's aspects
     * @param components Resilience4j's registries and helpers
     */
    public ResilienceInterceptor(
            Map<Class<? extends Annotation>, Integer> aspectOrders, ResilienceComponents components) {
        this.aspectOrders = Map.copyOf(aspectOrders);
        this.chains = new DecoratorChains(components);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Object target = invocation.getThis();
        // The raw class is enough as a key: the chain is built for its user class (AopUtils unwraps CGLIB).
        Class<?> targetClass = target != null ? target.getClass() : method.getDeclaringClass();
        MethodClassKey key = new MethodClassKey(method, targetClass);
        CheckedFunction<MethodInvocation, Object> chain = cache.get(key);
        if (chain == null) {
            chain = cache.computeIfAbsent(key, ignored -> build(method, targetClass));
        }
        return chain.apply(invocation);
    }

    private CheckedFunction<MethodInvocation, Object> build(Method method, Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        List<MergedAnnotation<Annotation>> annotations = new ArrayList<>(ResilienceAnnotations.on(specific));
        if (annotations.isEmpty()) {
            annotations.addAll(ResilienceAnnotations.on(method));
        }
        annotations.sort(Comparator.comparingInt(annotation -> aspectOrders.get(annotation.getType())));
        return chains.build(method, annotations);
    }
}
