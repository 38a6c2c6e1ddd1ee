package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointStore;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The jdbc store on H2, with the schema script shipped in the starter. */
class JdbcCheckpointStoreTests extends CheckpointStoreContract {

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void createSchema() throws Exception {
        jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:checkpoints;DB_CLOSE_DELAY=-1", "sa", ""));
        new JdbcSchemaInitializer(jdbc.getDataSource()).initialize();
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
