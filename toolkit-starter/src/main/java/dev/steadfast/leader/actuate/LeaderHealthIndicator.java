package dev.steadfast.leader.actuate;

import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code leader} health contributor: UP whether this instance leads or follows (a follower is healthy), with
 * role, token and leader of each election as details. Connection trouble shows in the {@code zookeeper}
 * contributor, not here, so that followers are not taken out of service for it.
 */
public class LeaderHealthIndicator extends AbstractHealthIndicator {

    private final LeaderElections elections;

    public LeaderHealthIndicator(LeaderElections elections) {
        super("Leader election health check failed");
        this.elections = elections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        for (LeaderElection election : elections.all()) {
            Map<String, Object> details = new LinkedHashMap<>();
            Long token = election.currentToken().map(FencingToken::value).orElse(null);
            details.put("role", token != null ? "LEADER" : "FOLLOWER");
            details.put("token", token);
            details.put("leaderId", election.leaderId().orElse(null));
            builder.withDetail(election.name(), details);
        }
    }
}
