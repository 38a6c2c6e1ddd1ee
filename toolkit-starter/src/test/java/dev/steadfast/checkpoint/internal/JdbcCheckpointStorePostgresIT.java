package dev.steadfast.checkpoint.internal;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.steadfast.checkpoint.CheckpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The jdbc store on a real PostgreSQL 15 (localhost:5432, database, user and password {@code steadfast}, as
 * {@code .ci/run} prepares it). Skipped only outside CI when no such server runs; under {@code CI=true} a missing
 * server fails the build.
 */
class JdbcCheckpointStorePostgresIT extends CheckpointStoreContract {

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void createSchema() throws Exception {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:postgresql://localhost:5432/steadfast", "steadfast", "steadfast");
        if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
            assumeThat(reachable(dataSource)).as("PostgreSQL on localhost:5432").isTrue();
        }
        jdbc = new JdbcTemplate(dataSource);
        new JdbcSchemaInitializer(dataSource).initialize();
    }

    private static boolean reachable(DriverManagerDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException ex) {
            return false;
        }
    }

    @Override
    CheckpointStore store() {
        return new JdbcCheckpointStore(jdbc, RETAIN);
    }

    @Override
    void corrupt(String name, long sequence) {
        byte[] data = jdbc.queryForObject(
                "SELECT data FROM steadfast_checkpoint WHERE name = ? AND sequence = ?", byte[].class, name, sequence);
        data[data.length / 2] ^= (byte) 0xFF;
        jdbc.update("UPDATE steadfast_checkpoint SET data = ? WHERE name = ? AND sequence = ?", data, name, sequence);
    }
}
