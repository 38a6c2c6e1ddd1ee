package dev.steadfast.limit.autoconfigure;

/** A {@code steadfast.resilience.inbound.*} or adaptive bulkhead property has a value the starter cannot use. */
public class InvalidConcurrencyLimitPropertyException extends RuntimeException {

    private final String property;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param property the offending property's full name
     * @param problem what is wrong with its value
     * @param action what to change so that the application starts
     */
    public InvalidConcurrencyLimitPropertyException(String property, String problem, String action) {
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
