package dev.steadfast.resilience;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Hedges calls to a method whose calls are safe to repeat: when the first attempt has not answered after
 * {@link #delay()}, another attempt starts, the first success wins and the others are cancelled. Hedges draw from
 * the retry budget of {@link #name()}, so hedging cannot multiply the load of a sick dependency.
 *
 * <p>Works for methods returning a {@code CompletionStage} (attempts are the method's own asynchronous calls), a
 * Reactor {@code Mono} (each subscription is a hedged call; attempts subscribe with the subscriber's context and
 * losers are cancelled) and for synchronous methods (attempts run on Steadfast's hedging executor, the caller waits;
 * thread-bound state such as a transaction does not follow them). A {@code Flux} is refused at start-up: a stream
 * cannot switch to another attempt half-way. Hedging sits inside Resilience4j's annotations: a circuit breaker, retry
 * or bulkhead on the same method sees one outcome per hedged call.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Hedge {

    /** The hedge instance, whose retry budget hedges draw from. */
    String name();

    /**
     * Whether calls of the method are safe to repeat. Must be stated as {@code true}: the application refuses to
     * start otherwise, since a hedge sends the same call twice.
     */
    boolean idempotent() default false;

    /**
     * How long the first attempt may take before another starts, as a duration ({@code 50ms}, {@code 1s}); empty
     * for {@code steadfast.resilience.hedge.delay}.
     */
    String delay() default "";

    /** The most extra attempts per call. */
    int maxExtraAttempts() default 1;
}
