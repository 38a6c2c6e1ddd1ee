package dev.steadfast.checkpoint;

/**
 * A bean whose state is checkpointed. Annotate the bean class with {@link Checkpointed} to name the checkpoint
 * and choose its interval.
 *
 * <p>The state type {@code S} is a plain record or class, written as JSON with the application's Jackson mapper;
 * it must not need polymorphic typing. {@link #snapshot()} must return a consistent copy that later changes to
 * the bean do not alter. {@link #restore(Object)} is called before the bean's leader-only work runs: at start-up
 * without leader election, or when this instance is granted leadership.
 *
 * @param <S> the type of the state
 */
public interface CheckpointedState<S> {

    /** A consistent copy of the current state. */
    S snapshot();

    /** Replaces the current state with a restored one. */
    void restore(S state);
}
