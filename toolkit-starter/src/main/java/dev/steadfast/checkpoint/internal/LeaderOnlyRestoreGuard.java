package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.LeaderOnly;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.springframework.core.Ordered;

/**
 * Holds {@code @LeaderOnly} work back until the checkpoints of its election are restored for the current term.
 * Leadership can be visible through {@code isLeader()} a moment before the granted event that triggers the
 * restore is delivered; a scheduled method arriving in that moment waits (up to a timeout) instead of running on
 * stale state. If the restore does not finish in time the call is skipped, as it would be on a follower. Ordered
 * first, so it also runs before the leader check of the election's own aspect.
 */
@Aspect
public final class LeaderOnlyRestoreGuard implements Ordered {

    private static final Log logger = LogFactory.getLog(LeaderOnlyRestoreGuard.class);

    private final CheckpointManager manager;

    private final Supplier<LeaderElections> elections;

    private final Duration timeout;

    /**
     * Creates the guard.
     *
     * @param elections supplies the elections, or {@code null} while leader election is off
     */
    public LeaderOnlyRestoreGuard(CheckpointManager manager, Supplier<LeaderElections> elections, Duration timeout) {
        this.manager = manager;
        this.elections = elections;
        this.timeout = timeout;
    }

    @Around("@annotation(leaderOnly)")
    public Object awaitRestore(ProceedingJoinPoint call, LeaderOnly leaderOnly) throws Throwable {
        LeaderElections all = elections.get();
        if (all == null) {
            return call.proceed();
        }
        String election = leaderOnly.value().isEmpty() ? all.getDefault().name() : leaderOnly.value();
        if (all.get(election).isLeader() && !manager.awaitRestored(election, timeout)) {
            logger.warn("Skipped " + call.getSignature().toShortString() + ": the checkpoints of election '" + election
                    + "' are not restored for this term after " + timeout);
            return Optional.class.equals(((MethodSignature) call.getSignature()).getReturnType())
                    ? Optional.empty()
                    : null;
        }
        return call.proceed();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
