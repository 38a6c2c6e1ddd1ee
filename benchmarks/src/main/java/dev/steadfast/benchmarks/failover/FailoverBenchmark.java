package dev.steadfast.benchmarks.failover;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures leader failover of two Spring Boot applications using the starter against a ZooKeeper server process:
 * crash (kill -9 of the leader) and graceful (SIGTERM), each for {@code --rounds=N} rounds (default 10), from the
 * signal to the moment the standby's {@code LeadershipGranted} line arrives. The same run measures bare Curator
 * {@code LeaderLatch} processes with the same timeouts as the baseline.
 */
public final class FailoverBenchmark {

    private static final Duration GRANT_TIMEOUT = Duration.ofSeconds(60);

    private FailoverBenchmark() {}

    /** Launches one participant process. */
    @FunctionalInterface
    interface Launcher {
        AppProcess launch(String id, String connectString, Path workDir) throws Exception;
    }

    /** The times of one setup, in milliseconds. */
    record Series(String setup, List<Long> crash, List<Long> graceful) {}

    public static void main(String[] args) throws Exception {
        quietLogging();
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
            ZooKeeperProcess zookeeper = ZooKeeperProcess.start(workDir);
            started.add(zookeeper);
            CuratorFramework observer =
                    CuratorFrameworkFactory.newClient(zookeeper.connectString(), 5000, 3000, new RetryOneTime(100));
            started.add(observer);
            observer.start();
            observer.blockUntilConnected();
            System.out.printf(
                    "ZooKeeper %s (tickTime %d ms), log files in %s%n",
                    zookeeper.connectString(), ZooKeeperProcess.TICK_MILLIS, workDir);
            Series starter = measure(
                    "starter",
                    AppProcess::startStarterApp,
                    AppProcess.STARTER_LATCH_PATH,
                    rounds,
                    zookeeper,
                    observer,
                    workDir,
                    started);
            Series bare = measure(
                    "bare Curator",
                    AppProcess::startRawLatch,
                    AppProcess.RAW_LATCH_PATH,
                    rounds,
                    zookeeper,
                    observer,
                    workDir,
                    started);
            print(negotiatedSessionTimeout(workDir), starter, bare, rounds);
        } finally {
            closeAll(started);
        }
    }

    static void quietLogging() {
        // ZooKeeper's client logs every connection detail at INFO; only the table matters here.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    private static Series measure(
            String setup,
            Launcher launcher,
            String latchPath,
            int rounds,
            ZooKeeperProcess zookeeper,
            CuratorFramework observer,
            Path workDir,
            List<AutoCloseable> started)
            throws Exception {
        String prefix = setup.startsWith("starter") ? "app-" : "raw-";
        int next = 0;
        AppProcess leader = launcher.launch(prefix + next++, zookeeper.connectString(), workDir);
        started.add(leader);
        leader.awaitGrant(GRANT_TIMEOUT);
        AppProcess standby = standBy(launcher, prefix + next++, latchPath, zookeeper, observer, workDir, started);
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
            long millis = Duration.ofNanos(standby.awaitGrant(GRANT_TIMEOUT) - signalledAt)
                    .toMillis();
            (crashRound ? crash : graceful).add(millis);
            System.out.printf(
                    "%-12s round %2d  %-8s %s -> %s  %6d ms%n",
                    setup, round + 1, crashRound ? "crash" : "graceful", leader.id(), standby.id(), millis);
            leader.awaitExit();
            started.remove(leader);
            leader = standby;
            standby = standBy(launcher, prefix + next++, latchPath, zookeeper, observer, workDir, started);
        }
        leader.close();
        standby.close();
        return new Series(setup, crash, graceful);
    }

    private static AppProcess standBy(
            Launcher launcher,
            String id,
            String latchPath,
            ZooKeeperProcess zookeeper,
            CuratorFramework observer,
            Path workDir,
            List<AutoCloseable> started)
            throws Exception {
        AppProcess standby = launcher.launch(id, zookeeper.connectString(), workDir);
        started.add(standby);
        long deadline = System.nanoTime() + GRANT_TIMEOUT.toNanos();
        while (observer.checkExists().forPath(latchPath) == null
                || observer.getChildren().forPath(latchPath).size() < 2) {
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

    private static long negotiatedSessionTimeout(Path workDir) throws Exception {
        // Read from the ZooKeeper client's own log line in the first starter application.
        for (String line : Files.readAllLines(workDir.resolve("app-0.log"))) {
            int at = line.indexOf("negotiated timeout = ");
            if (at >= 0) {
                return Long.parseLong(
                        line.substring(at + "negotiated timeout = ".length()).trim());
            }
        }
        return -1;
    }

    private static void print(long sessionTimeoutMs, Series starter, Series bare, int rounds) {
        System.out.println();
        System.out.println("| failover | setup | rounds | p50 ms | max ms | min ms | p50 vs bare Curator |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("crash (kill -9)", starter.setup(), starter.crash(), bare.crash());
        row("crash (kill -9)", bare.setup(), bare.crash(), bare.crash());
        row("graceful (SIGTERM)", starter.setup(), starter.graceful(), bare.graceful());
        row("graceful (SIGTERM)", bare.setup(), bare.graceful(), bare.graceful());
        System.out.printf("session timeout (negotiated): %d ms%n", sessionTimeoutMs);
        System.out.printf(
                "FAILOVER session_timeout_ms=%d crash_p50_ms=%d crash_max_ms=%d graceful_p50_ms=%d graceful_max_ms=%d"
                        + " rounds=%d%n",
                sessionTimeoutMs,
                p50(starter.crash()),
                Collections.max(starter.crash()),
                p50(starter.graceful()),
                Collections.max(starter.graceful()),
                rounds);
    }

    private static void row(String failover, String setup, List<Long> values, List<Long> baseline) {
        System.out.printf(
                "| %s | %s | %d | %d | %d | %d | %.2f |%n",
                failover,
                setup,
                values.size(),
                p50(values),
                Collections.max(values),
                Collections.min(values),
                (double) p50(values) / Math.max(1, p50(baseline)));
    }

    private static long p50(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
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
