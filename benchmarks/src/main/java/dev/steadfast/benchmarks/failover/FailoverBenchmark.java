package dev.steadfast.benchmarks.failover;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * Measures leader failover of two Spring Boot applications using the starter against a ZooKeeper server process:
 * crash (kill -9 of the leader) and graceful (SIGTERM), each for {@code --rounds=N} rounds (default 10). The
 * time is from the signal to the moment the standby's {@code LeadershipGranted} line arrives.
 */
public final class FailoverBenchmark {

    private static final Duration GRANT_TIMEOUT = Duration.ofSeconds(60);

    private FailoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        // The observer's ZooKeeper client logs every connection detail at INFO; only the table matters here.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int rounds = 10;
        for (String arg : args) {
            if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            }
        }
        Path workDir = Files.createTempDirectory("steadfast-failover-");
        List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(started)));
        try {
            run(rounds, workDir, started);
        } finally {
            closeAll(started);
        }
    }

    private static void run(int rounds, Path workDir, List<AutoCloseable> started) throws Exception {
        ZooKeeperProcess zookeeper = ZooKeeperProcess.start(workDir);
        started.add(zookeeper);
        CuratorFramework observer =
                CuratorFrameworkFactory.newClient(zookeeper.connectString(), 5000, 3000, new RetryOneTime(100));
        started.add(observer);
        observer.start();
        observer.blockUntilConnected();

        int next = 0;
        AppProcess leader = AppProcess.start("app-" + next++, zookeeper.connectString(), workDir);
        started.add(leader);
        leader.awaitGrant(GRANT_TIMEOUT);
        AppProcess standby = startStandby("app-" + next++, zookeeper, workDir, observer, started);

        long sessionTimeoutMs = negotiatedSessionTimeout(workDir, leader.id());
        System.out.printf(
                "ZooKeeper %s (tickTime %d ms), log files in %s%n",
                zookeeper.connectString(), ZooKeeperProcess.TICK_MILLIS, workDir);
        List<Long> crash = new ArrayList<>();
        List<Long> graceful = new ArrayList<>();
        for (int round = 0; round < 2 * rounds; round++) {
            boolean crashRound = round % 2 == 0;
            long signalledAt = System.nanoTime();
            if (crashRound) {
                leader.crash();
            } else {
                leader.terminate();
            }
            long grantedAt = standby.awaitGrant(GRANT_TIMEOUT);
            long millis = Duration.ofNanos(grantedAt - signalledAt).toMillis();
            (crashRound ? crash : graceful).add(millis);
            System.out.printf(
                    "round %2d  %-8s %s -> %s  %6d ms%n",
                    round + 1, crashRound ? "crash" : "graceful", leader.id(), standby.id(), millis);
            leader.awaitExit();
            started.remove(leader);
            leader = standby;
            standby = startStandby("app-" + next++, zookeeper, workDir, observer, started);
        }
        print(sessionTimeoutMs, crash, graceful, rounds);
    }

    private static AppProcess startStandby(
            String id, ZooKeeperProcess zookeeper, Path workDir, CuratorFramework observer, List<AutoCloseable> started)
            throws Exception {
        AppProcess standby = AppProcess.start(id, zookeeper.connectString(), workDir);
        started.add(standby);
        String latch = "/steadfast/leader/" + AppProcess.ELECTION;
        long deadline = System.nanoTime() + GRANT_TIMEOUT.toNanos();
        while (observer.checkExists().forPath(latch) == null
                || observer.getChildren().forPath(latch).size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(id + " did not join the election");
            }
            Thread.sleep(20); // polling another process's registration in ZooKeeper
        }
        if (standby.hasGrant()) {
            throw new IllegalStateException(id + " became leader while it should stand by");
        }
        return standby;
    }

    private static long negotiatedSessionTimeout(Path workDir, String id) throws Exception {
        // The starter logs nothing about it at WARN unless it differs; read it from the ZooKeeper client's own line.
        for (String line : Files.readAllLines(workDir.resolve(id + ".log"))) {
            int at = line.indexOf("negotiated timeout = ");
            if (at >= 0) {
                return Long.parseLong(
                        line.substring(at + "negotiated timeout = ".length()).trim());
            }
        }
        return -1;
    }

    private static void print(long sessionTimeoutMs, List<Long> crash, List<Long> graceful, int rounds) {
        System.out.println();
        System.out.println("| failover | rounds | p50 ms | max ms | min ms |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(
                "| crash (kill -9) | %d | %d | %d | %d |%n", crash.size(), p50(crash), max(crash), min(crash));
        System.out.printf(
                "| graceful (SIGTERM) | %d | %d | %d | %d |%n",
                graceful.size(), p50(graceful), max(graceful), min(graceful));
        System.out.printf("session timeout (negotiated): %d ms%n", sessionTimeoutMs);
        System.out.printf(
                "FAILOVER session_timeout_ms=%d crash_p50_ms=%d crash_max_ms=%d graceful_p50_ms=%d graceful_max_ms=%d"
                        + " rounds=%d%n",
                sessionTimeoutMs, p50(crash), max(crash), p50(graceful), max(graceful), rounds);
    }

    private static long p50(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static long max(List<Long> values) {
        return Collections.max(values);
    }

    private static long min(List<Long> values) {
        return Collections.min(values);
    }

    private static void closeAll(List<AutoCloseable> started) {
        synchronized (started) {
            List<AutoCloseable> reversed = new ArrayList<>(started);
            Collections.reverse(reversed);
            for (AutoCloseable closeable : reversed) {
                try {
                    closeable.close();
                } catch (Exception ex) {
                    // Best effort: the benchmark is ending anyway.
                }
            }
            started.clear();
        }
    }
}
