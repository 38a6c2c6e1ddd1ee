package dev.steadfast.demo.payment.settlement;

import dev.steadfast.demo.payment.failpoint.Failpoint;
import dev.steadfast.demo.payment.failpoint.Failpoints;
import dev.steadfast.leader.FencingToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one settlement batch per run. Everything is decided inside one transaction that first raises the
 * database fence: the batch number and the set of unsettled payments come from the database there, and the
 * leader's token is checked again just before the write, so neither a lagging checkpoint nor a paused ex-leader
 * can make a payment be settled twice.
 */
@Service
public class SettlementService {

    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

    private static final int TRANSACTION_TIMEOUT_SECONDS = 10;

    private final SettlementRepository repository;

    private final SettlementLedger ledger;

    private final SettlementProperties properties;

    private final TransactionTemplate transaction;

    private final Counter batches;

    private final Counter settledPayments;

    private final Failpoints failpoints;

    private final Clock clock = Clock.systemUTC();

    SettlementService(
            SettlementRepository repository,
            SettlementLedger ledger,
            SettlementProperties properties,
            PlatformTransactionManager transactionManager,
            MeterRegistry registry,
            Failpoints failpoints) {
        this.failpoints = failpoints;
        this.repository = repository;
        this.ledger = ledger;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
        // A paused ex-leader can hold the fence row's lock; give up after a while and try again next run rather
        // than block the scheduler until the pause ends.
        this.transaction.setTimeout(TRANSACTION_TIMEOUT_SECONDS);
        this.batches = Counter.builder("payment.settlement.batches")
                .description("Settlement batches written by this instance")
                .register(registry);
        this.settledPayments = Counter.builder("payment.settlement.payments")
                .description("Payments settled by this instance")
                .register(registry);
    }

    /**
     * Settles the payments that are due, if any, as one batch.
     *
     * @param token the token of the leadership term this run belongs to
     * @param leaderId the id of this instance, recorded on the batch
     * @param assertLeader throws {@link dev.steadfast.leader.NotLeaderException} unless the term still holds
     * @return the batch number written, or empty when nothing was due
     * @throws FencedOutException if a later term has written to the database
     */
    public Optional<Long> settle(FencingToken token, String leaderId, Consumer<FencingToken> assertLeader) {
        failpoints.beforeSettlementTransaction(token);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Written written = transaction.execute(status -> {
            if (!failpoints.on(Failpoint.SKIP_DATABASE_FENCE)
                    && !repository.advanceFence(token.value(), leaderId, now)) {
                throw new FencedOutException(token.value());
            }
            SettlementState state = currentState();
            Instant from = (state.cursor() != null) ? state.cursor().minus(properties.lookback()) : Instant.EPOCH;
            List<UnsettledPayment> due = repository.findUnsettled(
                    from,
                    now.minus(properties.safetyLag()),
                    properties.maxBatchSize(),
                    !failpoints.on(Failpoint.SETTLE_WITHOUT_CHECK));
            if (due.isEmpty()) {
                return null;
            }
            long batchNumber = state.lastBatchNumber() + 1;
            if (!failpoints.on(Failpoint.SKIP_ASSERT_LEADER)) {
                assertLeader.accept(token);
            }
            Instant writtenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            repository.insertBatch(batchNumber, token.value(), leaderId, now, writtenAt, due);
            return new Written(state.after(batchNumber, due), due.size());
        });
        if (written == null) {
            return Optional.empty();
        }
        ledger.advance(written.state());
        batches.increment();
        settledPayments.increment(written.paymentCount());
        log.info(
                "Settlement batch {} of {} payments written under token {}",
                written.state().lastBatchNumber(),
                written.paymentCount(),
                token);
        return Optional.of(written.state().lastBatchNumber());
    }

    /** The state after a batch, and how many payments the batch covers. */
    private record Written(SettlementState state, int paymentCount) {}

    private SettlementState currentState() {
        SettlementState state = ledger.snapshot();
        long lastWritten = repository.lastBatchNumber();
        if (state.lastBatchNumber() == lastWritten) {
            return state;
        }
        // The checkpoint lags (or leads) the written batches, e.g. after a failover: the batches are the truth.
        log.info(
                "Settlement state at batch {} but the database is at batch {}: rebuilding the state from the batches",
                state.lastBatchNumber(),
                lastWritten);
        SettlementState rebuilt = repository.stateFromBatches();
        ledger.advance(rebuilt);
        return rebuilt;
    }

    /** The most recent batches, newest first. */
    public List<SettlementBatch> recent(int limit) {
        return repository.findRecent(limit);
    }
}
