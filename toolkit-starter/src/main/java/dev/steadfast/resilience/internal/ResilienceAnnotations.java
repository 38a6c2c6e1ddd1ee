package dev.steadfast.resilience.internal;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.ratelimiter.annotation.RateLimiter;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.timelimiter.annotation.TimeLimiter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * Finds the Resilience4j annotations that apply to a method the way Resilience4j's pointcuts
 * ({@code @within(x) || @annotation(x)}) select them: those on the method, otherwise, for a public method, those on
 * its declaring class.
 */
final class ResilienceAnnotations {

    static final List<Class<? extends Annotation>> TYPES =
            List.of(CircuitBreaker.class, Retry.class, RateLimiter.class, TimeLimiter.class, Bulkhead.class);

    private ResilienceAnnotations() {}

    static List<MergedAnnotation<Annotation>> on(Method method) {
        List<MergedAnnotation<Annotation>> found = find(MergedAnnotations.from(method));
        if (found.isEmpty() && Modifier.isPublic(method.getModifiers())) {
            found = find(MergedAnnotations.from(method.getDeclaringClass()));
        }
        return found;
    }

    private static List<MergedAnnotation<Annotation>> find(MergedAnnotations annotations) {
        List<MergedAnnotation<Annotation>> found = new ArrayList<>();
        for (Class<? extends Annotation> type : TYPES) {
            MergedAnnotation<? extends Annotation> annotation = annotations.get(type);
            if (annotation.isPresent()) {
                @SuppressWarnings("unchecked")
                MergedAnnotation<Annotation> present = (MergedAnnotation<Annotation>) annotation;
                found.add(present);
            }
        }
        return found;
    }
}
