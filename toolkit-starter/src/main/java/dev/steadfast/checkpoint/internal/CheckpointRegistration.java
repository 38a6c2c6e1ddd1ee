package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointedState;
import java.time.Duration;
import java.util.regex.Pattern;
import tools.jackson.databind.JavaType;

/**
 * One {@link CheckpointedState} bean as the manager sees it.
 *
 * @param name the checkpoint's name
 * @param beanName the bean that holds the state, for messages
 * @param election the election whose leader writes it; empty for the default election
 * @param interval how often it is saved
 * @param schemaVersion the current schema version of the state
 * @param state the bean
 * @param type the state's type
 */
public record CheckpointRegistration(
        String name,
        String beanName,
        String election,
        Duration interval,
        int schemaVersion,
        CheckpointedState<Object> state,
        JavaType type) {

    /** Names become znode, file and row keys, so they are restricted to characters that are safe in all three. */
    public static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
}
