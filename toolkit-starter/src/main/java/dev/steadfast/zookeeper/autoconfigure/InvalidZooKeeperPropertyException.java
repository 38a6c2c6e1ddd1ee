package dev.steadfast.zookeeper.autoconfigure;

/** A {@code steadfast.zookeeper.*} or {@code steadfast.leader.*} property has a value the starter cannot use. */
public class InvalidZooKeeperPropertyException extends RuntimeException {

    private final String property;
    private final String action;

    public InvalidZooKeeperPropertyException(String property, String problem, String action) {
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
