package dev.steadfast.demo.payment.settlement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes settlement batches, their totals and items, and the fence row. */
@Repository
class SettlementRepository {

    private final JdbcClient jdbc;

    private final JdbcTemplate jdbcTemplate;

    SettlementRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Raises the fence to {@code token} unless a later term has raised it further. The update locks the fence
     * row until the transaction ends, so concurrent settlement runs are serialized.
     *
     * @return whether the token is still the highest the database has seen
     */
    boolean advanceFence(long token, String leaderId, Instant now) {
        int updated = jdbc.sql(
                        """
                        update settlement_fence set fencing_token = :token, leader_id = :leaderId, updated_at = :now
                        where id = 1 and fencing_token <= :token
                        """)
                .param("token", token)
                .param("leaderId", leaderId)
                .param("now", utc(now))
                .update();
        return updated == 1;
    }

    long lastBatchNumber() {
        return jdbc.sql("select coalesce(max(batch_number), 0) from settlement_batch")
                .query(Long.class)
                .single();
    }

    /** The settlement state as the written batches define it. */
    SettlementState stateFromBatches() {
        long last = lastBatchNumber();
        long count = jdbc.sql("select coalesce(sum(payment_count), 0) from settlement_batch")
                .query(Long.class)
                .single();
        Map<String, BigDecimal> totals = new TreeMap<>();
        jdbc.sql("select currency, sum(total) as total from settlement_batch_total group by currency")
                .query((ResultSet rs) -> {
                    totals.put(rs.getString("currency").trim(), rs.getBigDecimal("total"));
                });
        Instant cursor = jdbc.sql(
                        """
                        select max(p.created_at) from settlement_item i join payment p on p.id = i.payment_id
                        where i.batch_number = :batch
                        """)
                .param("batch", last)
                .query((rs, row) -> {
                    LocalDateTime value = rs.getObject(1, LocalDateTime.class);
                    return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
                })
                .optional()
                .orElse(null);
        return new SettlementState(last, cursor, count, totals);
    }

    /**
     * Authorized payments created in {@code [from, until]} that no batch covers, oldest first. Deciding "not yet
     * settled" here, in the fenced transaction, is what keeps a payment from being settled twice when the
     * checkpointed cursor lags behind the database.
     */
    List<UnsettledPayment> findUnsettled(Instant from, Instant until, int limit, boolean skipSettled) {
        // Without the check (a test-only failpoint) payments already in a batch are settled again.
        String unsettled =
                skipSettled ? "and not exists (select 1 from settlement_item i where i.payment_id = p.id)" : "";
        return jdbc.sql(
                        """
                        select p.id, p.amount, p.currency, p.created_at from payment p
                        where p.status = 'AUTHORIZED' and p.created_at >= :from and p.created_at <= :until
                          %s
                        order by p.created_at, p.id
                        limit :limit
                        """
                                .formatted(unsettled))
                .param("from", utc(from))
                .param("until", utc(until))
                .param("limit", limit)
                .query((rs, row) -> new UnsettledPayment(
                        rs.getString("id"),
                        rs.getBigDecimal("amount"),
                        rs.getString("currency").trim(),
                        rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .list();
    }

    void insertBatch(
            long batchNumber,
            long token,
            String leaderId,
            Instant now,
            Instant writtenAt,
            List<UnsettledPayment> items) {
        jdbc.sql(
                        """
                        insert into settlement_batch
                          (batch_number, fencing_token, leader_id, payment_count, created_at, written_at)
                        values (:batch, :token, :leaderId, :count, :now, :writtenAt)
                        """)
                .param("batch", batchNumber)
                .param("token", token)
                .param("leaderId", leaderId)
                .param("count", items.size())
                .param("now", utc(now))
                .param("writtenAt", utc(writtenAt))
                .update();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (UnsettledPayment item : items) {
            totals.merge(item.currency(), item.amount(), BigDecimal::add);
            counts.merge(item.currency(), 1, Integer::sum);
        }
        totals.forEach((currency, total) -> jdbc.sql(
                        """
                        insert into settlement_batch_total (batch_number, currency, total, payment_count)
                        values (:batch, :currency, :total, :count)
                        """)
                .param("batch", batchNumber)
                .param("currency", currency)
                .param("total", total)
                .param("count", counts.get(currency))
                .update());
        List<Object[]> rows = new ArrayList<>(items.size());
        for (UnsettledPayment item : items) {
            rows.add(new Object[] {batchNumber, item.paymentId()});
        }
        jdbcTemplate.batchUpdate("insert into settlement_item (batch_number, payment_id) values (?, ?)", rows);
    }

    List<SettlementBatch> findRecent(int limit) {
        List<SettlementBatch> batches = jdbc.sql(
                        """
                        select batch_number, fencing_token, leader_id, payment_count, created_at
                        from settlement_batch order by batch_number desc limit :limit
                        """)
                .param("limit", limit)
                .query((rs, row) -> new SettlementBatch(
                        rs.getLong("batch_number"),
                        rs.getLong("fencing_token"),
                        rs.getString("leader_id"),
                        rs.getInt("payment_count"),
                        rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        List.of()))
                .list();
        if (batches.isEmpty()) {
            return batches;
        }
        long oldest = batches.get(batches.size() - 1).batchNumber();
        Map<Long, List<SettlementBatch.CurrencyTotal>> totals = new TreeMap<>();
        jdbc.sql(
                        """
                        select batch_number, currency, total, payment_count from settlement_batch_total
                        where batch_number >= :oldest order by batch_number, currency
                        """)
                .param("oldest", oldest)
                .query((ResultSet rs) -> {
                    totals.computeIfAbsent(rs.getLong("batch_number"), key -> new ArrayList<>())
                            .add(currencyTotal(rs));
                });
        return batches.stream()
                .map(batch -> new SettlementBatch(
                        batch.batchNumber(),
                        batch.fencingToken(),
                        batch.leaderId(),
                        batch.paymentCount(),
                        batch.createdAt(),
                        totals.getOrDefault(batch.batchNumber(), List.of())))
                .toList();
    }

    private static SettlementBatch.CurrencyTotal currencyTotal(ResultSet rs) throws SQLException {
        return new SettlementBatch.CurrencyTotal(
                rs.getString("currency").trim(), rs.getBigDecimal("total"), rs.getInt("payment_count"));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
