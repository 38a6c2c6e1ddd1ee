package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.LeaderOnly;
import dev.steadfast.leader.internal.LeaderOnlyInterceptor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.Pointcut;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Holds {@code @LeaderOnly} work back until the checkpoints of its election are restored for the current term.
 * Leadership is visible through {@code isLeader()} a moment before the granted event that triggers the restore is
 * delivered, and the restore itself takes time; a call arriving then waits (up to a timeout) instead of running on
 * stale state. If the restore does not finish in time the call is skipped, as it would be on a follower. Ordered
 * before the election's own {@code @LeaderOnly} advice, to which it hands its decision (the term it saw, or none):
 * that advice runs the call only if the same term still holds, never because a term began in between.
 */
public final class LeaderOnlyRestoreGuard extends AbstractPointcutAdvisor implements MethodInterceptor {

    private static final Log logger = LogFactory.getLog(LeaderOnlyRestoreGuard.class);

    private final transient Pointcut pointcut = AnnotationMatchingPointcut.forMethodAnnotation(LeaderOnly.class);

    private final transient Supplier<CheckpointManager> manager;

    private final transient Supplier<LeaderElections> elections;

    private final Duration timeout;

    /**
     * Creates the guard.
     *
     * @param manager supplies the manager, looked up on first use because advisors are created early
     * @param elections supplies the elections, or {@code null} while leader election is off
     */
    public LeaderOnlyRestoreGuard(
            Supplier<CheckpointManager> manager, Supplier<LeaderElections> elections, Duration timeout) {
        this.manager = manager;
        this.elections = elections;
        this.timeout = timeout;
        setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return this;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        LeaderOnly leaderOnly = AnnotatedElementUtils.findMergedAnnotation(method, LeaderOnly.class);
        LeaderElections all = elections.get();
        if (leaderOnly == null || all == null) {
            return invocation.proceed();
        }
        String election = leaderOnly.value().isEmpty() ? all.getDefault().name() : leaderOnly.value();
        // Decide once: the election's own advice runs the call only in the term seen here, or not at all.
        Optional<FencingToken> term = all.get(election).currentToken();
        if (invocation instanceof ProxyMethodInvocation proxied) {
            proxied.setUserAttribute(LeaderOnlyInterceptor.DECIDED_TERM, term);
        }
        if (term.isPresent() && !manager.get().awaitRestored(election, timeout)) {
            logger.warn("Skipped " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + ": the checkpoints of election '" + election + "' are not restored for this term after "
                    + timeout);
            return method.getReturnType() == Optional.class ? Optional.empty() : null;
        }
        return invocation.proceed();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
