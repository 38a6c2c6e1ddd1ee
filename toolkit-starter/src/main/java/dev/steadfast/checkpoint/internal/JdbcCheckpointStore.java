package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointException;
import dev.steadfast.checkpoint.CheckpointFencedException;
import dev.steadfast.checkpoint.CheckpointHead;
import dev.steadfast.checkpoint.CheckpointStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps checkpoints in two tables created by {@code META-INF/steadfast/checkpoint/flyway/<db>/R__steadfast_checkpoint.sql}. A commit runs
 * in one transaction whose first statement is the fence: an {@code UPDATE} of the head row that matches only when
 * the stored token is not higher and the stored sequence is lower. The row lock it takes serialises concurrent
 * writers; when it matches nothing, nothing is written.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    private static final int ATTEMPTS = 3;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final int retain;

    public JdbcCheckpointStore(JdbcTemplate jdbc, int retain) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.retain = retain;
    }

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public CheckpointHead head(String name) {
        return findHead(name).orElse(CheckpointHead.EMPTY);
    }

    private Optional<CheckpointHead> findHead(String name) {
        return jdbc
                .query(
                        "SELECT sequence, token FROM steadfast_checkpoint_head WHERE name = ?",
                        (rs, row) -> new CheckpointHead(rs.getLong(1), rs.getLong(2)),
                        name)
                .stream()
                .findFirst();
    }

    @Override
    public void commit(String name, long sequence, long token, byte[] envelope) {
        retrying(() -> transactions.executeWithoutResult(status -> {
            int fenced = jdbc.update(
                    "UPDATE steadfast_checkpoint_head SET sequence = ?, token = ? "
                            + "WHERE name = ? AND token <= ? AND sequence < ?",
                    sequence,
                    token,
                    name,
                    token,
                    sequence);
            if (fenced == 0) {
                Optional<CheckpointHead> head = findHead(name);
                if (head.isPresent()) {
                    if (isOwnCommit(name, sequence, token, envelope, head.get())) {
                        return;
                    }
                    throw new CheckpointFencedException(name, sequence, token, head.get());
                }
                createHead(name, sequence, token);
            }
            jdbc.update(
                    "INSERT INTO steadfast_checkpoint (name, sequence, token, data, quarantined, created_at) "
                            + "VALUES (?, ?, ?, ?, FALSE, ?)",
                    name,
                    sequence,
                    token,
                    envelope,
                    Timestamp.from(Instant.now()));
            List<Long> live = sequences(name);
            if (live.size() > retain) {
                jdbc.update(
                        "DELETE FROM steadfast_checkpoint WHERE name = ? AND quarantined = FALSE AND sequence <= ?",
                        name,
                        live.get(retain));
            }
        }));
    }

    /**
     * Whether the head is this very commit, already applied: a retry after the database committed but its reply was
     * lost finds its own row. The same sequence, token and bytes make it a success, not a fence.
     */
    private boolean isOwnCommit(String name, long sequence, long token, byte[] envelope, CheckpointHead head) {
        return head.sequence() == sequence
                && head.token() == token
                && jdbc
                        .query(
                                "SELECT data FROM steadfast_checkpoint WHERE name = ? AND sequence = ? AND token = ? "
                                        + "AND quarantined = FALSE",
                                (rs, row) -> rs.getBytes(1),
                                name,
                                sequence,
                                token)
                        .stream()
                        .anyMatch(stored -> Arrays.equals(stored, envelope));
    }

    @Override
    public void fence(String name, long token) {
        retrying(() -> transactions.executeWithoutResult(status -> {
            int raised = jdbc.update(
                    "UPDATE steadfast_checkpoint_head SET token = ? WHERE name = ? AND token < ?", token, name, token);
            if (raised == 0 && findHead(name).isEmpty()) {
                createHead(name, 0, token);
            }
        }));
    }

    @Override
    public List<Long> sequences(String name) {
        return jdbc.queryForList(
                "SELECT sequence FROM steadfast_checkpoint WHERE name = ? AND quarantined = FALSE "
                        + "ORDER BY sequence DESC",
                Long.class,
                name);
    }

    @Override
    public Optional<byte[]> read(String name, long sequence) {
        return jdbc
                .query(
                        "SELECT data FROM steadfast_checkpoint WHERE name = ? AND sequence = ? AND quarantined = FALSE",
                        (rs, row) -> rs.getBytes(1),
                        name,
                        sequence)
                .stream()
                .findFirst();
    }

    @Override
    public void quarantine(String name, long sequence) {
        jdbc.update(
                "UPDATE steadfast_checkpoint SET quarantined = TRUE WHERE name = ? AND sequence = ?", name, sequence);
    }

    /** Inserts the first head row; a concurrent insert by another writer rolls back and retries. */
    private void createHead(String name, long sequence, long token) {
        try {
            jdbc.update(
                    "INSERT INTO steadfast_checkpoint_head (name, sequence, token) VALUES (?, ?, ?)",
                    name,
                    sequence,
                    token);
        } catch (DuplicateKeyException ex) {
            throw new HeadRace(ex);
        }
    }

    private static void retrying(Runnable action) {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (HeadRace ex) {
                if (attempt == ATTEMPTS) {
                    throw new CheckpointException("Lost the race to create the checkpoint head", ex);
                }
            }
        }
    }

    /** Two writers created the head row at once; the transaction is rolled back and tried again. */
    private static final class HeadRace extends RuntimeException {
        HeadRace(Throwable cause) {
            super(cause);
        }
    }
}
