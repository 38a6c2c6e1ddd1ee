package dev.steadfast.resilience.internal;

import dev.steadfast.resilience.Hedge;
import dev.steadfast.resilience.ResilienceConfigurationException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Refuses to start an application with a {@link Hedge} that would repeat calls not declared safe to repeat, or
 * that Steadfast cannot serve; the failure report names the bean, the method and the fix.
 */
public final class HedgeAnnotationValidator implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        ReflectionUtils.doWithMethods(type, method -> {
            Hedge hedge = AnnotatedElementUtils.findMergedAnnotation(method, Hedge.class);
            if (hedge != null) {
                check(beanName, method, hedge);
            }
        });
        return bean;
    }

    private static void check(String beanName, Method method, Hedge hedge) {
        String annotation = "@Hedge(name = \"" + hedge.name() + "\")";
        if (!hedge.idempotent()) {
            throw new ResilienceConfigurationException(
                    beanName,
                    describe(method),
                    annotation + " does not state idempotent = true: a hedge sends the same call more than once,"
                            + " which is only safe for calls that can be repeated.",
                    "Add idempotent = true to @Hedge if repeating a call is harmless (a read, or a write with an"
                            + " idempotency key); otherwise remove @Hedge.");
        }
        Class<?> returnType = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(returnType)
                && !returnType.isAssignableFrom(CompletableFuture.class)) {
            throw new ResilienceConfigurationException(
                    beanName,
                    describe(method),
                    annotation + " is on a method returning " + returnType.getName()
                            + ", which a hedged call (a CompletableFuture) cannot be returned as.",
                    "Declare the method to return CompletionStage or CompletableFuture.");
        }
        if (returnType.getName().equals("reactor.core.publisher.Flux")) {
            // A hedge races whole answers; a stream cannot switch to another attempt half-way without losing or
            // repeating elements.
            throw new ResilienceConfigurationException(
                    beanName,
                    describe(method),
                    annotation + " is on a method returning a Flux, a stream that a hedge cannot race: the first"
                            + " attempt may have emitted elements by the time a hedge would start.",
                    "Return a Mono (for example Mono<List<T>> with collectList()) if the answer is one value, or"
                            + " remove @Hedge.");
        }
        if ((returnType.getName().startsWith("reactor.core.publisher.")
                        && !returnType.getName().equals("reactor.core.publisher.Mono"))
                || returnType.getName().startsWith("io.reactivex")) {
            throw new ResilienceConfigurationException(
                    beanName,
                    describe(method),
                    annotation + " is on a method returning " + returnType.getName()
                            + ", which Steadfast does not hedge (it hedges Mono, CompletionStage and plain values).",
                    "Return a Mono or a CompletableFuture from the hedged method, or remove @Hedge.");
        }
        if (hedge.maxExtraAttempts() < 1) {
            throw new ResilienceConfigurationException(
                    beanName,
                    describe(method),
                    annotation + " allows " + hedge.maxExtraAttempts() + " extra attempts.",
                    "Set maxExtraAttempts to 1 or more, or remove @Hedge.");
        }
        if (!hedge.delay().isEmpty()) {
            try {
                DurationStyle.detectAndParse(hedge.delay());
            } catch (IllegalArgumentException ex) {
                throw new ResilienceConfigurationException(
                        beanName,
                        describe(method),
                        annotation + " has delay = \"" + hedge.delay() + "\", which is not a duration.",
                        "Write the delay as a duration such as \"50ms\" or \"1s\".");
            }
        }
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", "))
                + ")";
    }
}
