package dev.steadfast.resilience.internal;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.MergedAnnotation;

/**
 * What {@link ResilienceInterceptor} does not serve: reactive return types and thread-pool bulkheads. With the fast path on, Resilience4j's aspects are gone, so such a method must be refused at start-up
 * rather than run undecorated.
 */
final class FastPathSupport {

    static final String FIX =
            "Return a plain value or a CompletionStage and use a semaphore bulkhead, or set steadfast.resilience.fast-path.enabled=false so that "
                    + "Resilience4j's own aspects serve the annotations.";

    private static final List<String> REACTIVE_PACKAGES =
            List.of("reactor.", "io.reactivex.", "org.reactivestreams.", "kotlinx.", "kotlin.coroutines.");

    private FastPathSupport() {}

    static Optional<String> problem(Method method, List<MergedAnnotation<Annotation>> annotations) {
        String returnType = method.getReturnType().getName();
        if (REACTIVE_PACKAGES.stream().anyMatch(returnType::startsWith)) {
            return Optional.of("the method returns " + method.getReturnType().getSimpleName()
                    + ", which Steadfast's fast path does not decorate (it serves plain values and CompletionStage).");
        }
        for (MergedAnnotation<Annotation> annotation : annotations) {
            if (Bulkhead.class.equals(annotation.getType())
                    && annotation.getEnum("type", Bulkhead.Type.class) == Bulkhead.Type.THREADPOOL) {
                return Optional.of("@Bulkhead(type = THREADPOOL) is not served by Steadfast's fast path.");
            }
        }
        return Optional.empty();
    }
}
