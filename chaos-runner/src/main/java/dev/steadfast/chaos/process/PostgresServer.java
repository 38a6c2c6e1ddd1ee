package dev.steadfast.chaos.process;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the run's own: a cluster made by {@code initdb} in the run's directory and one {@code
 * postgres} process (the postmaster) on a free loopback port, so that {@code restart-database} can {@code kill -9} it
 * and start it again on the same data directory and port, where crash recovery replays the write-ahead log.
 *
 * <p>The binaries are the machine's (Debian's {@code postgresql-15}, which {@code .ci/run} installs): the same major
 * version as the compose topology's container, and the postmaster is a child of the runner, so its pid is the
 * process the fault kills. PostgreSQL refuses to run as root; as root the runner runs it as the user {@code postgres}
 * (which the Debian package creates) through {@code setpriv}, which execs rather than forks, so the pid stays the
 * postmaster's.
 */
public final class PostgresServer implements SharedDatabase {

    /** Where Debian's {@code postgresql-15} package puts {@code initdb} and {@code postgres}. */
    public static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql/15/bin");

    /** The unprivileged user that runs the server when the runner is root. */
    static final String SERVICE_USER = "postgres";

    private static final String DATABASE = "steadfast";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path binaries;
    private final Path directory;
    private final Path data;
    private final int port;
    private final String user;
    private final String password;
    private final PostgresDatabase schemas;
    private final ManagedProcess postmaster;

    public PostgresServer(Path directory, Ports ports, Path binaries, String user, String password) {
        this.binaries = binaries;
        this.directory = directory;
        this.data = directory.resolve("postgres");
        this.port = ports.next();
        this.user = user;
        this.password = password;
        this.schemas = new PostgresDatabase(url(DATABASE), user, password);
        List<String> command = asServiceUser(List.of(
                binaries.resolve("postgres").toString(),
                "-D",
                data.toAbsolutePath().toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                // TCP only: the default socket directory belongs to the machine's own cluster.
                "-c",
                "unix_socket_directories=",
                "-c",
                "shared_buffers=32MB"));
        this.postmaster = new ManagedProcess("postgres", command, Map.of(), directory.resolve("postgres.log"));
    }

    /**
     * Makes the cluster on the first call, then starts the postmaster unless it runs and waits until it accepts
     * connections (after a crash, once recovery has replayed the write-ahead log). Only the first call creates the
     * database and the services' schemas: a restart finds them, with every committed row, in the data directory.
     */
    @Override
    public synchronized void start() {
        if (postmaster.isAlive()) {
            return;
        }
        boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
        if (fresh) {
            initdb();
        }
        postmaster.start();
        Readiness.await(postmaster, START_TIMEOUT, () -> accepts("postgres"));
        if (fresh) {
            try (Connection connection = DriverManager.getConnection(url("postgres"), user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            } catch (SQLException ex) {
                throw new IllegalStateException("Could not create database " + DATABASE + " on " + url("postgres"), ex);
            }
            schemas.start();
        }
    }

    private void initdb() {
        Path log = directory.resolve("initdb.log");
        Path passwordFile = directory.resolve("postgres-password");
        try {
            Files.createDirectories(data);
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(passwordFile, password);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            if (isRoot()) {
                UserPrincipal owner = serviceUser();
                Files.setOwner(data, owner);
                Files.setOwner(passwordFile, owner);
            }
            Process initdb = new ProcessBuilder(asServiceUser(List.of(
                            binaries.resolve("initdb").toString(),
                            "-D",
                            data.toAbsolutePath().toString(),
                            "-U",
                            user,
                            "--pwfile=" + passwordFile.toAbsolutePath(),
                            "--auth=scram-sha-256",
                            "--encoding=UTF8",
                            "--no-locale",
                            // Durability of the empty cluster's files only matters for a crash of the machine.
                            "--no-sync")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!initdb.waitFor(2, TimeUnit.MINUTES) || initdb.exitValue() != 0) {
                initdb.destroyForcibly();
                throw new IllegalStateException("initdb failed; see " + log);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    "Could not make a PostgreSQL cluster with " + binaries.resolve("initdb")
                            + " (Debian: apt-get install postgresql-15; or give --pg-url of a running server)",
                    ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while initdb ran", ex);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ex) {
                // Left in the run's directory: it holds the demo's well-known password only.
            }
        }
    }

    private boolean accepts(String database) {
        try (Connection connection = DriverManager.getConnection(url(database) + "?connectTimeout=2", user, password)) {
            return connection.isValid(2);
        } catch (SQLException ex) {
            // Refused, or "the database system is starting up" while recovery runs.
            return false;
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static List<String> asServiceUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> asUser = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + SERVICE_USER, "--regid=" + SERVICE_USER, "--init-groups", "--reset-env"));
        asUser.addAll(command);
        return asUser;
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static UserPrincipal serviceUser() throws IOException {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
        } catch (UserPrincipalNotFoundException ex) {
            throw new IllegalStateException(
                    "PostgreSQL refuses to run as root and there is no user " + SERVICE_USER
                            + " to run it as (Debian's postgresql-15 package creates it)",
                    ex);
        }
    }

    /** The data directory, which outlives every restart of the server. */
    public Path dataDirectory() {
        return data;
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public String paymentUrl() {
        return schemas.paymentUrl();
    }

    @Override
    public String orderUrl() {
        return schemas.orderUrl();
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
    public Optional<ManagedProcess> ownProcess() {
        return Optional.of(postmaster);
    }

    /** Shuts the server down (SIGTERM, after every instance has gone); its data directory stays for inspection. */
    @Override
    public void close() {
        postmaster.terminate(Duration.ofSeconds(10));
    }
}
