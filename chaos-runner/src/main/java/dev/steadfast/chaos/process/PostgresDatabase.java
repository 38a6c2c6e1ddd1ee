package dev.steadfast.chaos.process;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server that someone else runs ({@code --pg-url}, e.g. Debian's cluster: {@code pg_ctlcluster 15 main
 * start}, role and database {@code steadfast}); each service gets a fresh schema of its own. The run never kills it:
 * {@link PostgresServer} is the server a run owns.
 */
public final class PostgresDatabase implements SharedDatabase {

    private static final String PAYMENT_SCHEMA = "chaos_payment";
    private static final String ORDER_SCHEMA = "chaos_order";

    private static final Pattern HOST_PORT = Pattern.compile("//([^/:]+):(\\d+)/");

    private final String url;
    private final String user;
    private final String password;

    public PostgresDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void start() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String schema : new String[] {PAYMENT_SCHEMA, ORDER_SCHEMA}) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                statement.execute("CREATE SCHEMA " + schema);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(
                    "PostgreSQL at " + url + " is not usable (" + ex.getMessage()
                            + "); start it with: pg_ctlcluster 15 main start, and create role/database steadfast",
                    ex);
        }
    }

    @Override
    public InetSocketAddress address() {
        Matcher matcher = HOST_PORT.matcher(url);
        if (!matcher.find()) {
            throw new IllegalArgumentException("--pg-url " + url + " must name host and port, e.g. //127.0.0.1:5432/");
        }
        return new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    @Override
    public String paymentUrl() {
        return withSchema(PAYMENT_SCHEMA);
    }

    @Override
    public String orderUrl() {
        return withSchema(ORDER_SCHEMA);
    }

    private String withSchema(String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public void close() {
        // The server belongs to the machine, not to the run; its schemas stay for inspection.
    }
}
