package dev.steadfast.warmup.autoconfigure;

/** A {@code steadfast.warmup.*} property has a value the starter cannot use, or one that is unsafe. */
public class InvalidWarmUpPropertyException extends RuntimeException {

    private final String property;

    private final String action;

    public InvalidWarmUpPropertyException(String property, String problem, String action) {
        super("Invalid property '" + property + "': " + problem);
        this.property = property;
        this.action = action;
    }

    /** The name of the offending property. */
    public String property() {
        return property;
    }

    /** What to change so that the application starts. */
    public String action() {
        return action;
    }
}
