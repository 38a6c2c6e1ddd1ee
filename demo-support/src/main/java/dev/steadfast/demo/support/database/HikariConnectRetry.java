package dev.steadfast.demo.support.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts a {@link RetryingConnectDataSource} under every {@link HikariDataSource} bean before its pool starts, so that a
 * pool whose database server was down has a connection again within {@link #INTERVAL} of the server accepting
 * connections, not up to 5 s later.
 *
 * <p>After initialization, when Boot has bound {@code spring.datasource.*} and connection details: the pool then
 * connects through the same {@code DriverDataSource} HikariCP would have made from the URL (or through the data
 * source it was given), retried for up to its {@code connectionTimeout}, as long as a borrower would wait anyway. A
 * pool configured with {@code dataSourceClassName} or a JNDI name is left alone.
 */
public final class HikariConnectRetry implements BeanPostProcessor {

    /**
     * Between one failed connect and the next. Short against the 2 s the demo answers within, long enough that a pool
     * tries only four times a second while the server is down.
     */
    public static final Duration INTERVAL = Duration.ofMillis(250);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari) {
            install(hikari);
        }
        return bean;
    }

    /**
     * Puts a {@link RetryingConnectDataSource} under the given pool, which must not have started.
     *
     * @param hikari a pool configured with a JDBC URL or a data source
     */
    public static void install(HikariDataSource hikari) {
        DataSource target = hikari.getDataSource();
        if (target == null && hikari.getJdbcUrl() != null && hikari.getDataSourceClassName() == null) {
            // What HikariCP's PoolBase makes from the URL when it is given no data source.
            target = new DriverDataSource(
                    hikari.getJdbcUrl(),
                    hikari.getDriverClassName(),
                    hikari.getDataSourceProperties(),
                    hikari.getUsername(),
                    hikari.getPassword());
        }
        if (target == null || target instanceof RetryingConnectDataSource) {
            return;
        }
        Duration window = Duration.ofMillis(Math.max(hikari.getConnectionTimeout(), INTERVAL.toMillis()));
        // isRunning() is false until the pool's constructor returns: its fail-fast connect at start-up is not retried.
        hikari.setDataSource(new RetryingConnectDataSource(target, INTERVAL, window, hikari::isRunning));
    }
}
