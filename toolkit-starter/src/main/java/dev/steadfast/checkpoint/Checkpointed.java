package dev.steadfast.checkpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the checkpoint of a {@link CheckpointedState} bean and sets how it is saved. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Checkpointed {

    /** The checkpoint's name, unique in the application and shared by all its instances. */
    String name();

    /**
     * How often the state is saved while this instance is allowed to write it, as a Spring {@code Duration} string
     * such as {@code 5s}; empty for {@code steadfast.checkpoint.interval}.
     */
    String interval() default "";

    /**
     * The election whose leader owns the state; empty for the default election. Ignored when leader election is
     * off.
     */
    String election() default "";

    /**
     * The version of the state's schema. A snapshot written with a lower version passes through the registered
     * upgraders before it is restored.
     */
    int schemaVersion() default 1;
}
