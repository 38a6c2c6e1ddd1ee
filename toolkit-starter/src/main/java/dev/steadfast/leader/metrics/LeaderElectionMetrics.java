package dev.steadfast.leader.metrics;

import dev.steadfast.leader.internal.CuratorLeaderElection;
import dev.steadfast.leader.internal.ZooKeeperLeaderElections;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of each election, tagged {@code election}: {@code steadfast.leader.is-leader} (1 or 0),
 * {@code steadfast.leader.token} (the current term's token, NaN when not leading),
 * {@code steadfast.leader.transitions}, {@code steadfast.leader.suspensions}, {@code steadfast.leader.leaderless}
 * (seconds in which this instance saw no participant or no ZooKeeper) and {@code steadfast.leader.only.skipped}.
 */
public class LeaderElectionMetrics implements MeterBinder {

    private final ZooKeeperLeaderElections elections;

    public LeaderElectionMetrics(ZooKeeperLeaderElections elections) {
        this.elections = elections;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CuratorLeaderElection election : elections.implementations()) {
            String name = election.name();
            Gauge.builder("steadfast.leader.is-leader", election, e -> e.isLeader() ? 1 : 0)
                    .description("Whether this instance leads the election")
                    .tag("election", name)
                    .register(registry);
            Gauge.builder("steadfast.leader.token", election, e -> e.currentToken()
                            .map(token -> (double) token.value())
                            .orElse(Double.NaN))
                    .description("Fencing token of the current term while this instance leads")
                    .tag("election", name)
                    .register(registry);
            FunctionCounter.builder("steadfast.leader.transitions", election, CuratorLeaderElection::transitions)
                    .description("Times this instance gained or lost leadership")
                    .tag("election", name)
                    .register(registry);
            FunctionCounter.builder("steadfast.leader.suspensions", election, CuratorLeaderElection::suspensions)
                    .description("Times the connection to ZooKeeper was suspended")
                    .tag("election", name)
                    .register(registry);
            FunctionCounter.builder(
                            "steadfast.leader.leaderless",
                            election,
                            e -> e.leaderlessTime().toNanos() / 1e9)
                    .description("Time in which this instance saw no participant in the election or no ZooKeeper")
                    .baseUnit("seconds")
                    .tag("election", name)
                    .register(registry);
            FunctionCounter.builder("steadfast.leader.only.skipped", election, CuratorLeaderElection::skippedCalls)
                    .description("@LeaderOnly calls skipped because this instance did not lead")
                    .tag("election", name)
                    .register(registry);
        }
    }
}
