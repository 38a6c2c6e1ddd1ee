package dev.steadfast.demo.payment.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores payments in the {@code payment} table; timestamps are UTC. */
@Repository
public class PaymentRepository {

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a payment.
     *
     * @throws org.springframework.dao.DuplicateKeyException if the order has a payment already
     */
    void insert(Payment payment, String instanceId) {
        jdbc.sql(
                        """
                        insert into payment (id, order_id, amount, currency, status, created_at, instance_id)
                        values (:id, :orderId, :amount, :currency, :status, :createdAt, :instanceId)
                        """)
                .param("id", payment.paymentId())
                .param("orderId", payment.orderId())
                .param("amount", payment.amount())
                .param("currency", payment.currency())
                .param("status", payment.status().name())
                .param("createdAt", LocalDateTime.ofInstant(payment.createdAt(), ZoneOffset.UTC))
                .param("instanceId", instanceId)
                .update();
    }

    Optional<Payment> findByOrderId(String orderId) {
        return jdbc.sql(
                        "select id, order_id, amount, currency, status, created_at from payment where order_id = :orderId")
                .param("orderId", orderId)
                .query(PaymentRepository::map)
                .optional();
    }

    List<Payment> findRecent(int limit) {
        return jdbc.sql(
                        "select id, order_id, amount, currency, status, created_at from payment order by created_at desc, id limit :limit")
                .param("limit", limit)
                .query(PaymentRepository::map)
                .list();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(
                rs.getString("id"),
                rs.getString("order_id"),
                rs.getBigDecimal("amount"),
                rs.getString("currency").trim(),
                PaymentStatus.valueOf(rs.getString("status")),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }
}
