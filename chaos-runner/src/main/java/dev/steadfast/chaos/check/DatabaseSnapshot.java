package dev.steadfast.chaos.check;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of both services' tables that the invariants are about, read once after the run has drained.
 *
 * @param orders the order service's {@code orders}
 * @param payments the payment service's {@code payment}
 * @param batches {@code settlement_batch}
 * @param totals {@code settlement_batch_total}
 * @param items {@code settlement_item}
 */
public record DatabaseSnapshot(
        List<OrderRow> orders,
        List<PaymentRow> payments,
        List<BatchRow> batches,
        List<BatchTotalRow> totals,
        List<ItemRow> items) {

    /** One row of {@code orders}. */
    public record OrderRow(String id, BigDecimal amount, String currency, String status, String idempotencyKey) {}

    /** One row of {@code payment}. */
    public record PaymentRow(
            String id, String orderId, BigDecimal amount, String currency, String status, String instanceId) {}

    /**
     * One row of {@code settlement_batch}.
     *
     * @param writtenAtEpochMillis when the writer wrote it (its clock, after its last leadership check)
     */
    public record BatchRow(
            long batchNumber, long fencingToken, String leaderId, int paymentCount, long writtenAtEpochMillis) {}

    /** One row of {@code settlement_batch_total}. */
    public record BatchTotalRow(long batchNumber, String currency, BigDecimal total, int paymentCount) {}

    /** One row of {@code settlement_item}. */
    public record ItemRow(long batchNumber, String paymentId) {}

    /** Reads the snapshot from the two services' databases. */
    public static DatabaseSnapshot read(Connection paymentDb, Connection orderDb) throws SQLException {
        List<OrderRow> orders = new ArrayList<>();
        query(
                orderDb,
                "SELECT id, amount, currency, status, idempotency_key FROM orders",
                rs -> orders.add(new OrderRow(
                        rs.getString(1),
                        rs.getBigDecimal(2),
                        trim(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5))));
        List<PaymentRow> payments = new ArrayList<>();
        query(
                paymentDb,
                "SELECT id, order_id, amount, currency, status, instance_id FROM payment",
                rs -> payments.add(new PaymentRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBigDecimal(3),
                        trim(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6))));
        List<BatchRow> batches = new ArrayList<>();
        query(
                paymentDb,
                "SELECT batch_number, fencing_token, leader_id, payment_count, COALESCE(written_at, created_at)"
                        + " FROM settlement_batch",
                rs -> batches.add(new BatchRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getObject(5, LocalDateTime.class)
                                .toInstant(ZoneOffset.UTC)
                                .toEpochMilli())));
        List<BatchTotalRow> totals = new ArrayList<>();
        query(
                paymentDb,
                "SELECT batch_number, currency, total, payment_count FROM settlement_batch_total",
                rs -> totals.add(
                        new BatchTotalRow(rs.getLong(1), trim(rs.getString(2)), rs.getBigDecimal(3), rs.getInt(4))));
        List<ItemRow> items = new ArrayList<>();
        query(
                paymentDb,
                "SELECT batch_number, payment_id FROM settlement_item",
                rs -> items.add(new ItemRow(rs.getLong(1), rs.getString(2))));
        return new DatabaseSnapshot(orders, payments, batches, totals, items);
    }

    /** Orders still waiting for their payment, and authorized payments not yet settled: what a drain waits for. */
    public static long unfinished(Connection paymentDb, Connection orderDb) throws SQLException {
        long pending = count(orderDb, "SELECT COUNT(*) FROM orders WHERE status = 'PAYMENT_PENDING'");
        long unsettled = count(
                paymentDb,
                "SELECT COUNT(*) FROM payment p WHERE p.status = 'AUTHORIZED' AND NOT EXISTS"
                        + " (SELECT 1 FROM settlement_item i WHERE i.payment_id = p.id)");
        return pending + unsettled;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, RowReader reader) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }
}
