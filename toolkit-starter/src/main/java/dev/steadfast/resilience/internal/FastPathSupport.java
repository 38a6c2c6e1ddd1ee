package dev.steadfast.resilience.internal;

import java.lang.reflect.Method;
import java.util.Optional;
import org.springframework.util.ClassUtils;

/**
 * What {@link ResilienceInterceptor} cannot decorate correctly, found at start-up: Kotlin {@code suspend} functions
 * (their result arrives through a continuation, after the method returns) and reactive types whose Resilience4j
 * module is missing (every pattern would guard only the assembly of the publisher, never its work).
 */
final class FastPathSupport {

    private static final String CONTINUATION = "kotlin.coroutines.Continuation";

    private static final String RESILIENCE4J_RXJAVA3 =
            "io.github.resilience4j.rxjava3.circuitbreaker.operator.CircuitBreakerOperator";

    private FastPathSupport() {}

    /** The problem with the method, if any, and its fix. */
    static Optional<Problem> problem(Method method, ClassLoader classLoader) {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length > 0 && parameters[parameters.length - 1].getName().equals(CONTINUATION)) {
            return Optional.of(new Problem(
                    "it is a Kotlin suspend function, whose result arrives after the method returns, so no "
                            + "resilience pattern would see it.",
                    "Make the method a plain function returning Mono (kotlinx-coroutines-reactor's mono { ... }) or "
                            + "CompletableFuture, or call the suspend function from such a method."));
        }
        Class<?> returnType = method.getReturnType();
        if (ReturnKind.isReactorType(returnType) && !ReturnKind.reactorAvailable(classLoader)) {
            return Optional.of(new Problem(
                    "it returns " + returnType.getSimpleName() + " but io.github.resilience4j:resilience4j-reactor is "
                            + "not on the classpath, so the patterns would guard only the assembly of the publisher.",
                    "Add the dependency io.github.resilience4j:resilience4j-reactor (the version of "
                            + "resilience4j-spring-boot4)."));
        }
        if (returnType.getName().startsWith("io.reactivex.rxjava3.")
                && !ClassUtils.isPresent(RESILIENCE4J_RXJAVA3, classLoader)) {
            return Optional.of(new Problem(
                    "it returns " + returnType.getSimpleName() + " but io.github.resilience4j:resilience4j-rxjava3 is "
                            + "not on the classpath, so the patterns would guard only the assembly of the stream.",
                    "Add the dependency io.github.resilience4j:resilience4j-rxjava3."));
        }
        return Optional.empty();
    }

    /** What is wrong with a method, and how to fix it, as full sentences. */
    record Problem(String description, String fix) {}
}
