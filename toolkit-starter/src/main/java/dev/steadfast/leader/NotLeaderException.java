package dev.steadfast.leader;

/**
 * A write was attempted on behalf of a leadership term that is not (or no longer) this instance's current term.
 */
public class NotLeaderException extends IllegalStateException {

    private final transient FencingToken token;

    public NotLeaderException(FencingToken token, String message) {
        super(message);
        this.token = token;
    }

    /** The token that was presented, or {@code null} if none was. */
    public FencingToken token() {
        return token;
    }
}
