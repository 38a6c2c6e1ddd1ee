package dev.steadfast.resilience.internal;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import org.springframework.util.ClassUtils;

/** How a chain decorates a method's result, decided once per method from its declared return type. */
enum ReturnKind {

    /** A {@code CompletionStage}: Resilience4j's asynchronous decorators. */
    COMPLETION_STAGE,

    /** A Reactor {@code Mono} or {@code Flux}: Resilience4j's Reactor operators. */
    REACTOR,

    /** Anything else: Resilience4j's aspect extension for the type if one handles it, else the plain decorators. */
    OTHER;

    static final String RESILIENCE4J_REACTOR =
            "io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator";

    static ReturnKind of(Method method, boolean reactorAvailable) {
        Class<?> returnType = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return COMPLETION_STAGE;
        }
        if (reactorAvailable && isReactorType(returnType)) {
            return REACTOR;
        }
        return OTHER;
    }

    /** Whether Reactor and Resilience4j's Reactor operators are both on the classpath. */
    static boolean reactorAvailable(ClassLoader classLoader) {
        return ClassUtils.isPresent("reactor.core.publisher.Mono", classLoader)
                && ClassUtils.isPresent(RESILIENCE4J_REACTOR, classLoader);
    }

    /** Whether the type is Reactor's {@code Mono} or {@code Flux}, by name: never loads Reactor. */
    static boolean isReactorType(Class<?> type) {
        String name = type.getName();
        return name.equals("reactor.core.publisher.Mono") || name.equals("reactor.core.publisher.Flux");
    }
}
