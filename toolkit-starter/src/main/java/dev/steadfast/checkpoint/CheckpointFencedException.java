package dev.steadfast.checkpoint;

/**
 * A store refused a commit because a writer of a later leadership term (a higher fencing token) or a later
 * checkpoint (a higher sequence) got there first. The writer must stop writing for its term.
 */
public class CheckpointFencedException extends CheckpointException {

    private final long token;

    private final CheckpointHead head;

    public CheckpointFencedException(String name, long sequence, long token, CheckpointHead head) {
        super("Checkpoint '" + name + "' #" + sequence + " with fencing token " + token + " refused: the store has "
                + "sequence " + head.sequence() + " and token " + head.token());
        this.token = token;
        this.head = head;
    }

    /** The token the refused writer presented. */
    public long token() {
        return token;
    }

    /** The store's head when the commit was refused. */
    public CheckpointHead head() {
        return head;
    }
}
