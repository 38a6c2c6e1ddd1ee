package dev.steadfast.resilience.internal;

import dev.steadfast.resilience.ResilienceConfigurationException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Refuses to start the application when a Resilience4j annotation would silently do nothing or fail only at
 * call time: annotations that the proxy cannot intercept, a {@code fallbackMethod} that does not resolve, or a
 * fallback on an inner aspect that hides failures from the outer one; with the fast path, methods whose result it
 * cannot decorate correctly, all of them named in one report once the singletons exist.
 *
 * <p>Runs before initialisation, so before the AOP proxy exists; each bean class is checked once.
 */
public final class ResilienceAnnotationValidator implements BeanPostProcessor, SmartInitializingSingleton {

    private final Map<Class<? extends Annotation>, Integer> aspectOrders;

    private final boolean fastPath;

    private final Set<Class<?>> validated = ConcurrentHashMap.newKeySet();

    private final List<String> fastPathProblems = new CopyOnWriteArrayList<>();

    /**
     * Creates the validator.
     *
     * @param aspectOrders the effective order of each annotation's aspect (lower runs outside)
     */
    public ResilienceAnnotationValidator(Map<Class<? extends Annotation>, Integer> aspectOrders) {
        this(aspectOrders, false);
    }

    /**
     * Creates the validator.
     *
     * @param aspectOrders the effective order of each annotation's aspect (lower runs outside)
     * @param fastPath whether {@link ResilienceInterceptor} serves the annotations, so that what it cannot serve
     *     is refused
     */
    public ResilienceAnnotationValidator(Map<Class<? extends Annotation>, Integer> aspectOrders, boolean fastPath) {
        this.aspectOrders = Map.copyOf(aspectOrders);
        this.fastPath = fastPath;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        if (!validated.contains(type) && AnnotationUtils.isCandidateClass(type, ResilienceAnnotations.TYPES)) {
            validate(type, beanName);
            validated.add(type);
        }
        return bean;
    }

    /**
     * Reports, once all singletons exist, every method that the fast path cannot serve, so that one start-up names
     * them all rather than the first.
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (fastPathProblems.isEmpty()) {
            return;
        }
        List<String> problems = List.copyOf(fastPathProblems);
        throw new ResilienceConfigurationException(
                null,
                null,
                problems.size() + " method(s) with Resilience4j annotations cannot be decorated correctly:"
                        + System.lineSeparator() + "    - "
                        + String.join(System.lineSeparator() + "    - ", problems),
                "Fix each method as its line says.");
    }

    private void validate(Class<?> type, String beanName) {
        if (Proxy.isProxyClass(type) || ClassUtils.isLambdaClass(type)) {
            return; // Spring proxies these through their interfaces, which final does not prevent
        }
        Method[] methods;
        try {
            methods = ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS);
        } catch (IllegalStateException | LinkageError ex) {
            // Signatures that name absent optional classes: the AOP proxy could not apply annotations there either.
            return;
        }
        for (Method method : methods) {
            List<MergedAnnotation<Annotation>> annotations = ResilienceAnnotations.on(method);
            if (!annotations.isEmpty()) {
                validateMethod(type, beanName, method, annotations);
            }
        }
    }

    private void validateMethod(
            Class<?> type, String beanName, Method method, List<MergedAnnotation<Annotation>> annotations) {
        String where = FallbackSignatures.describe(method);
        if (Modifier.isFinal(type.getModifiers())) {
            throw notProxyable(beanName, where, type, annotations.get(0));
        }
        int modifiers = method.getModifiers();
        if (Modifier.isPrivate(modifiers) || Modifier.isFinal(modifiers) || Modifier.isStatic(modifiers)) {
            String kind = Modifier.isPrivate(modifiers) ? "private" : Modifier.isFinal(modifiers) ? "final" : "static";
            throw new ResilienceConfigurationException(
                    beanName,
                    where,
                    "@" + simpleName(annotations.get(0)) + " is on a " + kind
                            + " method, which Spring's proxy cannot intercept: the annotation would do nothing.",
                    "Make the method public (or protected) and neither final nor static, and call it through the "
                            + "bean (not via 'this').");
        }
        if (fastPath) {
            FastPathSupport.problem(method, type.getClassLoader())
                    .ifPresent(problem -> fastPathProblems.add("Bean '" + beanName + "', method " + where + ": "
                            + problem.description() + " Fix: " + problem.fix()));
        }
        List<MergedAnnotation<Annotation>> byOrder = new ArrayList<>(annotations);
        byOrder.sort(Comparator.comparingInt(annotation -> aspectOrders.get(annotation.getType())));
        for (int i = 0; i < byOrder.size(); i++) {
            MergedAnnotation<Annotation> annotation = byOrder.get(i);
            String fallback = annotation.getString("fallbackMethod");
            if (fallback.isEmpty() || fallback.contains("#") || fallback.contains("$")) {
                continue; // none, or a SpEL/placeholder expression resolved per call
            }
            if (i > 0) {
                throw innerFallback(beanName, where, annotation, byOrder.get(0));
            }
            FallbackSignatures.check(type, method, fallback).ifPresent(problem -> {
                throw new ResilienceConfigurationException(
                        beanName,
                        where,
                        "@" + simpleName(annotation) + "(fallbackMethod = \"" + fallback + "\"): " + problem,
                        FallbackSignatures.fix(method, fallback));
            });
        }
    }

    private static ResilienceConfigurationException notProxyable(
            String beanName, String where, Class<?> type, MergedAnnotation<Annotation> annotation) {
        return new ResilienceConfigurationException(
                beanName,
                where,
                "@" + simpleName(annotation) + " is used in " + type.getName()
                        + ", which is final (records are too), so Spring cannot create the proxy that applies it.",
                "Remove 'final' from " + type.getSimpleName()
                        + " (or make it a plain class instead of a record), or move the annotated methods to a "
                        + "non-final bean.");
    }

    private static ResilienceConfigurationException innerFallback(
            String beanName, String where, MergedAnnotation<Annotation> inner, MergedAnnotation<Annotation> outer) {
        return new ResilienceConfigurationException(
                beanName,
                where,
                "fallbackMethod is set on @" + simpleName(inner) + ", whose aspect runs inside @" + simpleName(outer)
                        + ": the fallback swallows each failure, so @" + simpleName(outer)
                        + " never sees one (no retries, or a breaker that never opens).",
                "Move fallbackMethod to @" + simpleName(outer)
                        + ", the outermost annotation on this method (see the aspect order in the README).");
    }

    private static String simpleName(MergedAnnotation<?> annotation) {
        return annotation.getType().getSimpleName();
    }
}
