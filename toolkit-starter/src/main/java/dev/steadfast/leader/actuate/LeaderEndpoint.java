package dev.steadfast.leader.actuate;

import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/leader}: this instance's role in each election. Its write operation,
 * {@code POST /actuator/leader/{election}}, makes this instance yield leadership; it is off unless
 * {@code management.endpoint.leader.access=unrestricted}.
 */
@Endpoint(id = "leader", defaultAccess = Access.READ_ONLY)
public class LeaderEndpoint {

    private final LeaderElections elections;

    public LeaderEndpoint(LeaderElections elections) {
        this.elections = elections;
    }

    /** Every election by name. */
    @ReadOperation
    public Map<String, ElectionDescriptor> elections() {
        Map<String, ElectionDescriptor> result = new LinkedHashMap<>();
        for (LeaderElection election : elections.all()) {
            result.put(election.name(), ElectionDescriptor.of(election));
        }
        return result;
    }

    /** One election. */
    @ReadOperation
    public ElectionDescriptor election(@Selector String name) {
        return ElectionDescriptor.of(elections.get(name));
    }

    /** Gives up leadership of one election if this instance holds it. */
    @WriteOperation
    public YieldDescriptor yield(@Selector String name) {
        LeaderElection election = elections.get(name);
        boolean wasLeader = election.isLeader();
        election.yieldLeadership();
        return new YieldDescriptor(name, election.participantId(), wasLeader);
    }

    /**
     * This instance's view of one election.
     *
     * @param participantId this instance's id
     * @param role {@code LEADER} or {@code FOLLOWER}
     * @param token the current term's token when this instance leads, else {@code null}
     * @param leaderId the id of the current leader, {@code null} when unknown
     * @param participants every participant's id, the leader first
     */
    public record ElectionDescriptor(
            String participantId, String role, Long token, String leaderId, List<String> participants) {

        static ElectionDescriptor of(LeaderElection election) {
            Long token = election.currentToken().map(FencingToken::value).orElse(null);
            return new ElectionDescriptor(
                    election.participantId(),
                    token != null ? "LEADER" : "FOLLOWER",
                    token,
                    election.leaderId().orElse(null),
                    election.participants());
        }
    }

    /**
     * The answer to a yield request.
     *
     * @param election the election's name
     * @param participantId this instance's id
     * @param yielded whether this instance led and gave leadership up
     */
    public record YieldDescriptor(String election, String participantId, boolean yielded) {}
}
