package dev.steadfast.leader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method only on the leader of an election; elsewhere the call is skipped (it returns
 * {@code null}, or an empty {@code Optional} for methods that return one), logged at debug level and counted.
 * Meant above all for {@code @Scheduled} methods of singleton work. Methods must return {@code void},
 * {@code Optional} or a reference type.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LeaderOnly {

    /** The election whose leader runs the method; the default election when empty. */
    String value() default "";
}
