package dev.steadfast.demo.support.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Makes the demo services' HikariCP pools reconnect within {@link HikariConnectRetry#INTERVAL} of their database
 * server accepting connections again; {@code demo.datasource.connect-retry.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnProperty(name = "demo.datasource.connect-retry.enabled", matchIfMissing = true)
public final class DemoDatabaseAutoConfiguration {

    // Static: a post-processor must not need this configuration instantiated before other beans.
    @Bean
    static HikariConnectRetry hikariConnectRetry() {
        return new HikariConnectRetry();
    }
}
