package dev.steadfast.demo.payment.settlement;

import dev.steadfast.demo.payment.payment.PaymentProperties;
import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderOnly;
import dev.steadfast.leader.NotLeaderException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs settlement every few seconds on the leader. Without leader election (no ZooKeeper configured) the
 * service runs as a single instance and settles under token 0, which the database fence refuses once any
 * elected leader has written.
 */
@Component
class SettlementJob {

    private static final Logger log = LoggerFactory.getLogger(SettlementJob.class);

    private final SettlementService settlement;

    private final ObjectProvider<LeaderElection> election;

    private final String instanceId;

    SettlementJob(SettlementService settlement, ObjectProvider<LeaderElection> election, PaymentProperties properties) {
        this.settlement = settlement;
        this.election = election;
        this.instanceId = properties.instanceId();
    }

    @Scheduled(
            fixedDelayString = "${payment.settlement.interval:3s}",
            initialDelayString = "${payment.settlement.interval:3s}")
    @LeaderOnly
    public void settle() {
        LeaderElection leaderElection = election.getIfAvailable();
        try {
            if (leaderElection == null) {
                settlement.settle(new FencingToken("standalone", 0), instanceId, token -> {});
                return;
            }
            // Captured once: the whole run, including the database fence, acts for this one term.
            Optional<FencingToken> token = leaderElection.currentToken();
            if (token.isPresent()) {
                settlement.settle(token.get(), instanceId, leaderElection::assertLeader);
            }
        } catch (NotLeaderException | FencedOutException ex) {
            log.warn("Settlement run abandoned, nothing written: {}", ex.getMessage());
        }
    }
}
