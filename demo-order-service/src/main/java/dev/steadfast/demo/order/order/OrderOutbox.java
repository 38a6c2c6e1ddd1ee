package dev.steadfast.demo.order.order;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code order_outbox} table: one row per order whose payment outcome is not recorded yet. */
@Repository
public class OrderOutbox {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    OrderOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String orderId, Instant nextAttemptAt) {
        jdbc.sql("insert into order_outbox (order_id, attempts, next_attempt_at) values (:id, 0, :next)")
                .param("id", orderId)
                .param("next", utc(nextAttemptAt))
                .update();
    }

    void remove(String orderId) {
        jdbc.sql("delete from order_outbox where order_id = :id")
                .param("id", orderId)
                .update();
    }

    void reschedule(String orderId, int attempts, Instant nextAttemptAt, String error) {
        String lastError = (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
        jdbc.sql(
                        """
                        update order_outbox set attempts = :attempts, next_attempt_at = :next, last_error = :error
                        where order_id = :id
                        """)
                .param("attempts", attempts)
                .param("next", utc(nextAttemptAt))
                .param("error", lastError)
                .param("id", orderId)
                .update();
    }

    /** The entries due at {@code now}, the longest waiting first. */
    public List<OutboxEntry> findDue(Instant now, int limit) {
        return jdbc.sql(
                        """
                        select order_id, attempts, next_attempt_at, last_error from order_outbox
                        where next_attempt_at <= :now order by next_attempt_at, order_id limit :limit
                        """)
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, row) -> new OutboxEntry(
                        rs.getString("order_id"),
                        rs.getInt("attempts"),
                        rs.getObject("next_attempt_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        rs.getString("last_error")))
                .list();
    }

    /** How many orders wait for their payment outcome. */
    public long size() {
        return jdbc.sql("select count(*) from order_outbox").query(Long.class).single();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
