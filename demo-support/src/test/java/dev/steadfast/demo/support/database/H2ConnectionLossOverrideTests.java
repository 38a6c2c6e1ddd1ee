package dev.steadfast.demo.support.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class H2ConnectionLossOverrideTests {

    private final H2ConnectionLossOverride override = new H2ConnectionLossOverride();

    @ParameterizedTest
    @ValueSource(
            ints = {ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_IS_CLOSED, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN})
    void evictsAConnectionWhoseH2ServerSessionIsGone(int errorCode) {
        SQLException lost = DbException.get(errorCode, "session closed").getSQLException();

        assertThat(override.adjudicate(lost)).isEqualTo(Override.MUST_EVICT);
    }

    @Test
    void leavesAFailedStatementToHikari() {
        SQLException duplicate =
                DbException.get(ErrorCode.DUPLICATE_KEY_1, "orders").getSQLException();

        assertThat(override.adjudicate(duplicate)).isEqualTo(Override.CONTINUE_EVICT);
    }

    @Test
    void leavesAnotherDriversCodesToHikari() {
        // PostgreSQL's broken connection is SQL state 08006, which HikariCP evicts on by itself.
        assertThat(override.adjudicate(new PSQLException("gone", PSQLState.CONNECTION_FAILURE)))
                .isEqualTo(Override.CONTINUE_EVICT);
        assertThat(override.adjudicate(new SQLException("same number, other driver", "HY000", 90121)))
                .isEqualTo(Override.CONTINUE_EVICT);
    }
}
