package dev.steadfast.demo.order.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores orders in the {@code orders} table; timestamps are UTC. */
@Repository
class OrderRepository {

    private static final String COLUMNS =
            "id, customer_id, amount, currency, status, payment_id, idempotency_key, created_at, updated_at";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an order.
     *
     * @throws org.springframework.dao.DuplicateKeyException if its idempotency key was used before
     */
    void insert(Order order) {
        jdbc.sql(
                        """
                        insert into orders (id, customer_id, amount, currency, status, payment_id, idempotency_key,
                                            created_at, updated_at)
                        values (:id, :customerId, :amount, :currency, :status, :paymentId, :idempotencyKey,
                                :createdAt, :updatedAt)
                        """)
                .param("id", order.id())
                .param("customerId", order.customerId())
                .param("amount", order.amount())
                .param("currency", order.currency())
                .param("status", order.status().name())
                .param("paymentId", order.paymentId())
                .param("idempotencyKey", order.idempotencyKey())
                .param("createdAt", utc(order.createdAt()))
                .param("updatedAt", utc(order.updatedAt()))
                .update();
    }

    /**
     * Records the payment's outcome, only while the order is still pending, so that a late or repeated outcome
     * never overwrites the first one.
     *
     * @return whether the order was pending and is now completed
     */
    boolean complete(String id, OrderStatus status, String paymentId, Instant now) {
        return jdbc.sql(
                                """
                                update orders set status = :status, payment_id = :paymentId, updated_at = :now
                                where id = :id and status = 'PAYMENT_PENDING'
                                """)
                        .param("status", status.name())
                        .param("paymentId", paymentId)
                        .param("now", utc(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    Optional<Order> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from orders where id = :id")
                .param("id", id)
                .query(OrderRepository::map)
                .optional();
    }

    Optional<Order> findByIdempotencyKey(String key) {
        return jdbc.sql("select " + COLUMNS + " from orders where idempotency_key = :key")
                .param("key", key)
                .query(OrderRepository::map)
                .optional();
    }

    List<Order> findPage(int page, int size) {
        return jdbc.sql("select " + COLUMNS
                        + " from orders order by created_at desc, id desc limit :size offset :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(OrderRepository::map)
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from orders").query(Long.class).single();
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        return new Order(
                rs.getString("id"),
                rs.getString("customer_id"),
                rs.getBigDecimal("amount"),
                rs.getString("currency").trim(),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("payment_id"),
                rs.getString("idempotency_key"),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getObject("updated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
