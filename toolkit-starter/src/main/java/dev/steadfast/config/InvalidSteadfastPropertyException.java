package dev.steadfast.config;

/**
 * A {@code steadfast.*} property has a value the starter cannot use, or one that is unsafe; thrown at start-up and
 * explained by a failure analyzer that names the property, the problem and the fix.
 */
public class InvalidSteadfastPropertyException extends RuntimeException {

    private final String property;

    private final String problem;

    private final String fix;

    /**
     * Creates the exception.
     *
     * @param property the offending property's full name
     * @param problem what is wrong with its value
     * @param fix what to change so that the application starts
     */
    public InvalidSteadfastPropertyException(String property, String problem, String fix) {
        super("Invalid property '" + property + "': " + problem);
        this.property = property;
        this.problem = problem;
        this.fix = fix;
    }

    /** The name of the offending property. */
    public String property() {
        return property;
    }

    /** What is wrong with its value. */
    public String problem() {
        return problem;
    }

    /** What to change so that the application starts. */
    public String fix() {
        return fix;
    }
}
