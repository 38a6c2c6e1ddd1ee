package dev.steadfast.demo.support.database;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Makes HikariCP evict a connection whose H2 server session is gone, as it already does for connections that fail
 * with SQL state {@code 08...} (PostgreSQL's {@code 08006}, for one). Configured through {@code
 * spring.datasource.hikari.exception-override-class-name}.
 *
 * <p>H2's client reports a lost server with its own codes, used as SQL state too: the first statement after the
 * server died fails with 90067 (connection broken), and every later one on the same connection with 90121 (database
 * closed). HikariCP knows neither, and it validates a connection on borrow only after it sat idle for 500 ms, so under
 * steady load a pool kept handing out the dead connections after the server came back. Every other exception gets
 * HikariCP's own judgement: this override never keeps a connection HikariCP would evict.
 */
public final class H2ConnectionLossOverride implements SQLExceptionOverride {

    /** 90067 connection broken, 90098 database closed, 90121 database closed (at shutdown, or the session ended). */
    private static final Set<Integer> CONNECTION_LOST = Set.of(90067, 90098, 90121);

    // Qualified: inside this class the simple name is SQLExceptionOverride's own Override.
    @java.lang.Override
    public Override adjudicate(SQLException exception) {
        // H2 alone reports these numbers as SQL state as well; the pair keeps another driver's codes out.
        boolean lost = CONNECTION_LOST.contains(exception.getErrorCode())
                && Integer.toString(exception.getErrorCode()).equals(exception.getSQLState());
        return lost ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
