package dev.steadfast.leader.internal;

import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.LeaderOnly;
import java.lang.reflect.Method;
import java.util.Optional;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Proceeds with a {@link LeaderOnly} method on the leader of its election; skips and counts it elsewhere.
 *
 * <p>An advice running before this one (the checkpoint restore guard) may already have decided for the call: it
 * stores the term it saw, or its absence, under {@link #DECIDED_TERM}. The call then runs only in that very term,
 * so that a term beginning between the two advices can never turn the outer "not leader" into an inner "leader".
 */
public final class LeaderOnlyInterceptor implements MethodInterceptor {

    /**
     * The invocation attribute ({@link ProxyMethodInvocation#setUserAttribute}) holding the {@code
     * Optional<FencingToken>} an outer advice decided the call under: empty when this instance did not lead then.
     */
    public static final String DECIDED_TERM = LeaderOnlyInterceptor.class.getName() + ".decidedTerm";

    private static final Logger log = LoggerFactory.getLogger(LeaderOnlyInterceptor.class);

    private final ObjectProvider<LeaderElections> elections;

    public LeaderOnlyInterceptor(ObjectProvider<LeaderElections> elections) {
        this.elections = elections;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        LeaderOnly annotation = AnnotatedElementUtils.findMergedAnnotation(method, LeaderOnly.class);
        LeaderElections all = elections.getIfAvailable();
        if (annotation == null || all == null) {
            // Without elections this instance runs alone, so it is the leader of its own work.
            return invocation.proceed();
        }
        LeaderElection election = annotation.value().isEmpty() ? all.getDefault() : all.get(annotation.value());
        if (leads(election, invocation)) {
            return invocation.proceed();
        }
        if (election instanceof CuratorLeaderElection counted) {
            counted.recordSkippedCall();
        }
        return skip(method, election.name());
    }

    private static boolean leads(LeaderElection election, MethodInvocation invocation) {
        if (invocation instanceof ProxyMethodInvocation proxied
                && proxied.getUserAttribute(DECIDED_TERM) instanceof Optional<?> decided) {
            return decided.isPresent() && election.currentToken().equals(decided);
        }
        return election.isLeader();
    }

    private static Object skip(Method method, String election) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "Skipped {}.{}: this instance does not lead election {}",
                    method.getDeclaringClass().getSimpleName(),
                    method.getName(),
                    election);
        }
        return method.getReturnType() == Optional.class ? Optional.empty() : null;
    }
}
