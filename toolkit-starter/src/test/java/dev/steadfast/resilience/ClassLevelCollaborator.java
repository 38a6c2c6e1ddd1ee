package dev.steadfast.resilience;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;

/** Annotated on the class, as Resilience4j's {@code @within} pointcut allows: every public method is guarded. */
@CircuitBreaker(name = "classLevel")
public class ClassLevelCollaborator {

    public String call() {
        throw new IllegalStateException("down");
    }
}
