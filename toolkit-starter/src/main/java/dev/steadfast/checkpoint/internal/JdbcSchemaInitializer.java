package dev.steadfast.checkpoint.internal;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the jdbc store's tables at start-up, if they do not exist, from the idempotent script that also serves as
 * the Flyway migration, so that the two ways of creating them cannot drift apart. Scripts exist for PostgreSQL and
 * H2; on other databases create the tables yourself and turn this off.
 */
public final class JdbcSchemaInitializer {

    private final DataSource dataSource;

    public JdbcSchemaInitializer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the script for the database behind the data source. */
    public void initialize() throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        String vendor = product.toLowerCase(Locale.ROOT).replace(" ", "");
        ClassPathResource script = new ClassPathResource(
                "META-INF/steadfast/checkpoint/flyway/" + vendor + "/R__steadfast_checkpoint.sql");
        if (!script.exists()) {
            throw new IllegalStateException("No checkpoint schema script for " + product + ": create the tables of "
                    + "META-INF/steadfast/checkpoint/flyway/postgresql/R__steadfast_checkpoint.sql yourself and set "
                    + "steadfast.checkpoint.jdbc.initialize-schema=false");
        }
        new ResourceDatabasePopulator(script).execute(dataSource);
    }
}
