package dev.steadfast.demo.payment.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.NotLeaderException;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:settlement-service;DB_CLOSE_DELAY=-1",
            "payment.settlement.interval=1h",
            "payment.settlement.safety-lag=1s",
            "payment.settlement.lookback=10m"
        })
class SettlementServiceTests {

    private static final Consumer<FencingToken> STILL_LEADER = token -> {};

    @Autowired
    SettlementService settlement;

    @Autowired
    SettlementLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @BeforeEach
    void emptyTables() {
        jdbc.sql("delete from settlement_item").update();
        jdbc.sql("delete from settlement_batch_total").update();
        jdbc.sql("delete from settlement_batch").update();
        jdbc.sql("delete from payment").update();
        jdbc.sql("update settlement_fence set fencing_token = 0, leader_id = null")
                .update();
        ledger.restore(SettlementState.initial());
    }

    @Test
    void settlesAuthorizedPaymentsOnceWithTotalsPerCurrency() {
        String eur1 = payment("10.00", "EUR", "AUTHORIZED", secondsAgo(30));
        String eur2 = payment("5.50", "EUR", "AUTHORIZED", secondsAgo(20));
        String usd = payment("3.25", "USD", "AUTHORIZED", secondsAgo(10));
        payment("2000.00", "EUR", "DECLINED", secondsAgo(10));

        assertThat(settlement.settle(token(7), "payment-a", STILL_LEADER)).contains(1L);
        assertThat(settlement.settle(token(7), "payment-a", STILL_LEADER)).isEmpty();

        assertThat(settledPayments()).containsExactlyInAnyOrder(eur1, eur2, usd);
        assertThat(jdbc.sql("select fencing_token, leader_id from settlement_batch where batch_number = 1")
                        .query()
                        .singleRow())
                .containsEntry("FENCING_TOKEN", 7L)
                .containsEntry("LEADER_ID", "payment-a");
        assertThat(ledger.snapshot().totals())
                .isEqualTo(Map.of("EUR", new BigDecimal("15.50"), "USD", new BigDecimal("3.25")));
        assertThat(ledger.snapshot().settledCount()).isEqualTo(3);
    }

    @Test
    void leavesPaymentsYoungerThanTheSafetyLagForTheNextRun() {
        payment("1.00", "EUR", "AUTHORIZED", Instant.now().plusSeconds(30));

        assertThat(settlement.settle(token(1), "payment-a", STILL_LEADER)).isEmpty();
        assertThat(settledPayments()).isEmpty();
    }

    @Test
    void refusesABatchFromAPausedExLeaderWhoseTokenWasSuperseded() {
        payment("1.00", "EUR", "AUTHORIZED", secondsAgo(30));
        assertThat(settlement.settle(token(9), "new-leader", STILL_LEADER)).contains(1L);
        String late = payment("2.00", "EUR", "AUTHORIZED", secondsAgo(20));

        double refusedBefore = fenced("database");

        // The ex-leader still believes it leads (its own check passes): only the database fence stops it.
        assertThatExceptionOfType(FencedOutException.class)
                .isThrownBy(() -> settlement.settle(token(8), "old-leader", STILL_LEADER));

        assertThat(fenced("database")).isEqualTo(refusedBefore + 1);

        assertThat(batchNumbers()).containsExactly(1L);
        assertThat(settlement.settle(token(9), "new-leader", STILL_LEADER)).contains(2L);
        assertThat(settledPayments()).contains(late);
    }

    @Test
    void writesNothingWhenLeadershipIsLostBeforeTheWrite() {
        payment("1.00", "EUR", "AUTHORIZED", secondsAgo(30));
        double refusedBefore = fenced("assert-leader");

        assertThatExceptionOfType(NotLeaderException.class)
                .isThrownBy(() -> settlement.settle(token(4), "payment-a", token -> {
                    throw new NotLeaderException(token, "lost");
                }));

        assertThat(batchNumbers()).isEmpty();
        assertThat(fenced("assert-leader")).isEqualTo(refusedBefore + 1);
        assertThat(jdbc.sql("select fencing_token from settlement_fence")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aLaggingCheckpointNeitherRepeatsNorSkipsPayments() {
        payment("1.00", "EUR", "AUTHORIZED", secondsAgo(50));
        settlement.settle(token(3), "payment-a", STILL_LEADER);
        SettlementState afterFirst = ledger.snapshot();
        payment("2.00", "EUR", "AUTHORIZED", secondsAgo(40));
        settlement.settle(token(3), "payment-a", STILL_LEADER);
        String third = payment("4.00", "EUR", "AUTHORIZED", secondsAgo(30));

        // A new leader restores a checkpoint taken before batch 2 was written.
        ledger.restore(afterFirst);
        assertThat(settlement.settle(token(5), "payment-b", STILL_LEADER)).contains(3L);

        assertThat(batchNumbers()).containsExactly(1L, 2L, 3L);
        assertThat(itemsOf(3)).containsExactly(third);
        assertThat(ledger.snapshot().totals()).isEqualTo(Map.of("EUR", new BigDecimal("7.00")));
        assertThat(ledger.snapshot().settledCount()).isEqualTo(3);
    }

    @Test
    void settlesAPaymentThatCommittedBehindTheCursor() {
        payment("1.00", "EUR", "AUTHORIZED", secondsAgo(10));
        settlement.settle(token(2), "payment-a", STILL_LEADER);
        // Created before the cursor, committed only now: another instance was slow to commit it.
        String late = payment("2.00", "EUR", "AUTHORIZED", secondsAgo(60));

        assertThat(settlement.settle(token(2), "payment-a", STILL_LEADER)).contains(2L);
        assertThat(itemsOf(2)).containsExactly(late);
    }

    private String payment(String amount, String currency, String status, Instant createdAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql(
                        """
                        insert into payment (id, order_id, amount, currency, status, created_at, instance_id)
                        values (:id, :orderId, :amount, :currency, :status, :createdAt, 'test')
                        """)
                .param("id", id)
                .param("orderId", UUID.randomUUID().toString())
                .param("amount", new BigDecimal(amount))
                .param("currency", currency)
                .param("status", status)
                .param("createdAt", LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
        return id;
    }

    private double fenced(String fence) {
        return registry.get("payment.settlement.fenced")
                .tag("fence", fence)
                .counter()
                .count();
    }

    private static Instant secondsAgo(long seconds) {
        return Instant.now().minusSeconds(seconds).truncatedTo(ChronoUnit.MICROS);
    }

    private static FencingToken token(long value) {
        return new FencingToken("payment-service", value);
    }

    private List<String> settledPayments() {
        return jdbc.sql("select payment_id from settlement_item")
                .query(String.class)
                .list();
    }

    private List<String> itemsOf(long batch) {
        return jdbc.sql("select payment_id from settlement_item where batch_number = :batch")
                .param("batch", batch)
                .query(String.class)
                .list();
    }

    private List<Long> batchNumbers() {
        return jdbc.sql("select batch_number from settlement_batch order by batch_number")
                .query(Long.class)
                .list();
    }
}
