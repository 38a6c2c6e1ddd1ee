package dev.steadfast.checkpoint;

/** Checkpoints are configured in a way that cannot work; thrown at start-up and explained by a failure analyzer. */
public class InvalidCheckpointConfigurationException extends CheckpointException {

    private final String subject;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param subject the property or bean at fault
     * @param problem what is wrong
     * @param action how to fix it
     */
    public InvalidCheckpointConfigurationException(String subject, String problem, String action) {
        super(subject + ": " + problem);
        this.subject = subject;
        this.action = action;
    }

    /** The property or bean at fault. */
    public String subject() {
        return subject;
    }

    /** How to fix it. */
    public String action() {
        return action;
    }
}
