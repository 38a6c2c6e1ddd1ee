package dev.steadfast.chaos.truth;

import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.observe.Failover;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds every failover a fault caused, from the faults as injected and the terms ZooKeeper recorded. A fault that
 * hit the participant holding a term, or ZooKeeper itself while any term was held, starts a failover; it ends
 * when a term with a higher token begins (any participant: after a ZooKeeper outage the same one may lead again).
 * A ZooKeeper fault whose held term outlived the failover bound caused none: the leader kept its session.
 *
 * <p>Bounds: the session timeout for ZooKeeper to notice a silent leader, plus margin for a loaded machine; for
 * a ZooKeeper outage, the outage itself is added, since no failover can complete without a quorum.
 */
public final class Failovers {

    private final Duration sessionTimeout;
    private final Duration margin;

    /**
     * @param sessionTimeout the services' ZooKeeper session timeout
     * @param margin what a failover may take on top (expiry, latch watch, the new leader's write, a busy machine)
     */
    public Failovers(Duration sessionTimeout, Duration margin) {
        this.sessionTimeout = sessionTimeout;
        this.margin = margin;
    }

    /** Every failover the faults caused in {@code election}, in the order of the faults. */
    public List<Failover> of(List<FaultEvent> faults, List<LeadershipTerm> terms, String election) {
        List<LeadershipTerm> ofElection =
                terms.stream().filter(term -> term.election().equals(election)).toList();
        List<Failover> failovers = new ArrayList<>();
        for (FaultEvent fault : faults) {
            if (!fault.kind().hitsLeader() && !fault.kind().hitsZooKeeper()) {
                continue;
            }
            Optional<LeadershipTerm> held = ofElection.stream()
                    .filter(term -> term.heldAt(fault.startMillis()))
                    .filter(term ->
                            fault.kind().hitsZooKeeper() || term.participant().equals(fault.target()))
                    .findFirst();
            if (held.isEmpty()) {
                continue;
            }
            long bound = sessionTimeout.plus(margin).toMillis()
                    + (fault.kind().hitsZooKeeper() ? fault.endMillis() - fault.startMillis() : 0);
            if (fault.kind().hitsZooKeeper() && held.get().heldAt(fault.startMillis() + bound)) {
                // A short outage that the leader's session and term survived: nobody had to take over.
                continue;
            }
            Optional<LeadershipTerm> next = ofElection.stream()
                    .filter(term -> term.token() > held.get().token())
                    .findFirst();
            failovers.add(new Failover(
                    election,
                    fault.kind().label(),
                    held.get().participant(),
                    next.map(LeadershipTerm::participant).orElse(null),
                    fault.startMillis(),
                    next.map(term -> Math.max(term.beganMillis(), fault.startMillis()))
                            .orElse(-1L),
                    bound));
        }
        return failovers;
    }
}
