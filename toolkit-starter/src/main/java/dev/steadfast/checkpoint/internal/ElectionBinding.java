package dev.steadfast.checkpoint.internal;

import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeadershipGranted;
import dev.steadfast.leader.LeadershipListener;
import dev.steadfast.leader.LeadershipRevoked;
import dev.steadfast.leader.RevocationReason;

/**
 * Connects one election to the manager. Registered as a {@link LeadershipListener}, so that restore runs on the
 * election's event thread, in order with revocations, and completes before the next event is delivered.
 */
final class ElectionBinding implements LeadershipListener {

    private final LeaderElection election;

    private final DefaultCheckpointManager manager;

    ElectionBinding(LeaderElection election, DefaultCheckpointManager manager) {
        this.election = election;
        this.manager = manager;
    }

    void bind() {
        election.addListener(this);
        // Leadership granted before this listener existed is picked up here; restore is idempotent per term.
        election.currentToken()
                .filter(token -> election.isLeader())
                .ifPresent(token -> manager.granted(election.name(), token));
    }

    void unbind() {
        election.removeListener(this);
    }

    @Override
    public void granted(LeadershipGranted event) {
        manager.granted(event.election(), event.token());
    }

    @Override
    public void revoked(LeadershipRevoked event) {
        boolean graceful = event.reason() == RevocationReason.YIELDED || event.reason() == RevocationReason.SHUTDOWN;
        manager.revoked(event.election(), event.token(), graceful);
    }
}
