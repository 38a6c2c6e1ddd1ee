package dev.steadfast.demo.support.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DemoDatabaseAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, DemoDatabaseAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:retry;DB_CLOSE_DELAY=-1");

    @Test
    void connectsThePoolThroughARetryingDataSource() {
        contextRunner.run(context -> {
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            assertThat(pool.getDataSource()).isInstanceOf(RetryingConnectDataSource.class);
            try (var connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        });
    }

    @Test
    void leavesThePoolAloneWhenTurnedOff() {
        contextRunner
                .withPropertyValues("demo.datasource.connect-retry.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(HikariConnectRetry.class);
                    assertThat(context.getBean(HikariDataSource.class).getDataSource())
                            .isNull();
                });
    }
}
