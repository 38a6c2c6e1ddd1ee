package dev.steadfast.chaos.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessesIT {

    @TempDir
    Path dir;

    @Test
    void singleZooKeeperServerServesAgainAfterKillAndRestart() {
        try (ZooKeeperEnsemble zk = new ZooKeeperEnsemble(1, dir, new Ports(0))) {
            zk.startAll(Duration.ofSeconds(60));
            assertThat(Readiness.fourLetterWord(port(zk, 0), "srvr")).contains("Mode: standalone");

            zk.servers().get(0).kill();
            assertThat(zk.isServing(0)).isFalse();

            zk.startAll(Duration.ofSeconds(60));
            assertThat(zk.isServing(0)).isTrue();
        }
    }

    @Test
    void ensembleElectsALeaderAndKeepsServingWithoutOneServer() {
        try (ZooKeeperEnsemble zk = new ZooKeeperEnsemble(3, dir, new Ports(0))) {
            zk.startAll(Duration.ofSeconds(90));
            String modes = Readiness.fourLetterWord(port(zk, 0), "srvr")
                    + Readiness.fourLetterWord(port(zk, 1), "srvr")
                    + Readiness.fourLetterWord(port(zk, 2), "srvr");
            assertThat(modes).contains("Mode: leader").contains("Mode: follower");

            zk.servers().get(0).kill();

            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> zk.isServing(1) && zk.isServing(2));
        }
    }

    @Test
    void h2ServerKeepsBothServiceDatabasesAcrossConnections() throws Exception {
        try (H2Server h2 = new H2Server(dir, new Ports(0))) {
            h2.start();
            try (Connection payment = h2.connectPayment();
                    Statement statement = payment.createStatement()) {
                statement.execute("CREATE TABLE payment(id VARCHAR(36) PRIMARY KEY)");
                statement.execute("INSERT INTO payment VALUES ('p-1')");
            }
            try (Connection order = h2.connectOrder();
                    Statement statement = order.createStatement()) {
                statement.execute("CREATE TABLE orders(id VARCHAR(36) PRIMARY KEY)");
            }
            try (Connection payment = h2.connectPayment();
                    Statement statement = payment.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM payment")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void h2ServerKeepsEveryCommittedRowWhenKilledAndRestarted() throws Exception {
        try (H2Server h2 = new H2Server(dir, new Ports(0))) {
            h2.start();
            try (Connection payment = h2.connectPayment();
                    Statement statement = payment.createStatement()) {
                statement.execute("CREATE TABLE payment(id INT PRIMARY KEY)");
                for (int i = 0; i < 50; i++) {
                    statement.execute("INSERT INTO payment VALUES (" + i + ")");
                }
            }
            // Killed right after the last commit: a delayed write of committed transactions would lose rows.
            h2.ownProcess().orElseThrow().kill();
            h2.start();
            try (Connection payment = h2.connectPayment();
                    Statement statement = payment.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM payment")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(50);
            }
        }
    }

    private static int port(ZooKeeperEnsemble zk, int index) {
        String server = zk.connectString().split(",")[index];
        return Integer.parseInt(server.substring(server.indexOf(':') + 1));
    }
}
