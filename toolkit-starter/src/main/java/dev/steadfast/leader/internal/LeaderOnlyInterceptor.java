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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** Proceeds with a {@link LeaderOnly} method on the leader of its election; skips and counts it elsewhere. */
public final class LeaderOnlyInterceptor implements MethodInterceptor {

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
        if (election.isLeader()) {
            return invocation.proceed();
        }
        if (election instanceof CuratorLeaderElection counted) {
            counted.recordSkippedCall();
        }
        return skip(method, election.name());
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
