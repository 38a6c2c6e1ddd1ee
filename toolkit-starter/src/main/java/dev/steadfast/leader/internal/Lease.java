package dev.steadfast.leader.internal;

import dev.steadfast.leader.RevocationReason;
import dev.steadfast.zookeeper.internal.SessionTimeoutCheck;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease of one {@link CuratorLeaderElection}: how long its instance may keep acting as leader without a round
 * trip to ZooKeeper, measured on the monotonic clock since the last one, and the thread that renews it. Each renewal
 * also reads the election's nodes, and makes the election step down or rejoin where ZooKeeper disagrees with it.
 *
 * <p>Threads: renewals run on the lease thread, their answers on ZooKeeper's event thread; the term and the latch
 * stay the election's, changed only through it.
 */
final class Lease {

    // The election's logger: to whoever reads or configures the log, the lease is part of the election.
    private static final Logger log = LoggerFactory.getLogger(CuratorLeaderElection.class);

    private final CuratorLeaderElection election;
    private final String latchPath;
    private final CuratorFramework client;
    private final Duration configured;
    private final LongSupplier clock;
    private final AtomicLong leaderlessNanos = new AtomicLong();

    private volatile long contactNanos;
    private volatile long leaseNanos;
    private volatile long lastPingNanos;
    private volatile String stalledNode;
    private volatile ScheduledExecutorService thread;
    private volatile boolean actOnLapsedLease;

    Lease(
            CuratorLeaderElection election,
            String latchPath,
            CuratorFramework client,
            Duration configured,
            LongSupplier clock) {
        this.election = election;
        this.latchPath = latchPath;
        this.client = client;
        this.configured = configured;
        this.clock = clock;
        this.contactNanos = clock.getAsLong();
        this.lastPingNanos = clock.getAsLong();
        this.leaseNanos = leaseNanos();
    }

    void actOnLapsedLease(boolean actOnLapsedLease) {
        this.actOnLapsedLease = actOnLapsedLease;
    }

    boolean actsOnLapsedLease() {
        return actOnLapsedLease;
    }

    /** Starts counting from now and renewing on a new lease thread. */
    void start() {
        contactNanos = clock.getAsLong();
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread result = new Thread(runnable, "steadfast-lease-" + election.name());
            result.setDaemon(true);
            return result;
        });
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(20), leaseNanos / 4);
        thread.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.NANOSECONDS);
    }

    void stop() {
        thread.shutdownNow();
    }

    /**
     * Runs {@code task} on the lease thread after {@code delay}.
     *
     * @throws java.util.concurrent.RejectedExecutionException once the lease has stopped
     */
    void runLater(Runnable task, Duration delay) {
        thread.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether a term may still act now. A paused JVM wakes up here before any event, so this reads the clock. */
    boolean holds() {
        return !lapsedAt(clock.getAsLong());
    }

    boolean lapsedAt(long now) {
        return now - contactNanos >= leaseNanos && !actOnLapsedLease;
    }

    /** A (re)connection is a round trip to ZooKeeper. */
    void contacted() {
        contactNanos = clock.getAsLong();
    }

    /**
     * A term begins with a write sent at {@code sent}; its lease follows the session timeout negotiated on the
     * connection it began on.
     */
    void beginTerm(long sent) {
        contactNanos = Math.max(contactNanos, sent);
        leaseNanos = leaseNanos();
    }

    Duration duration() {
        return Duration.ofNanos(leaseNanos);
    }

    Duration leaderlessTime() {
        return Duration.ofNanos(leaderlessNanos.get());
    }

    /**
     * Runs on the lease thread: ends an expired term and renews the lease with a round trip that reaches the quorum
     * (a {@code sync} to the ensemble's leader, then a read of the election's nodes on the same server).
     */
    private void renew() {
        long now = clock.getAsLong();
        long sinceLastPing = now - lastPingNanos;
        lastPingNanos = now;
        election.endTermIfLapsed(now);
        if (!election.connected()) {
            leaderlessNanos.addAndGet(sinceLastPing);
            return;
        }
        try {
            // A read alone proves nothing: a server cut off from the quorum answers reads from its own copy until it
            // gives up (syncLimit x tickTime), while the quorum may already have expired our session. A sync travels
            // to the ensemble's leader and back, and the read after it sees the quorum's state as of that moment.
            client.sync()
                    .inBackground((c, event) -> synced(event, now, sinceLastPing))
                    .forPath(latchPath);
        } catch (Exception ex) {
            log.debug("Lease ping of election {} failed", election.name(), ex);
        }
    }

    private void synced(CuratorEvent event, long sent, long sinceLastPing) {
        if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
            // The quorum did not answer: the lease keeps running down.
            return;
        }
        try {
            client.getChildren()
                    .inBackground((c, listed) -> pinged(listed, sent, sinceLastPing))
                    .forPath(latchPath);
        } catch (Exception ex) {
            log.debug("Lease ping of election {} failed", election.name(), ex);
        }
    }

    private void pinged(CuratorEvent event, long sent, long sinceLastPing) {
        int rc = event.getResultCode();
        if (rc != KeeperException.Code.OK.intValue() && rc != KeeperException.Code.NONODE.intValue()) {
            // No answer from ZooKeeper: nothing to learn about the election, and the lease keeps running down.
            return;
        }
        contactNanos = Math.max(contactNanos, sent);
        List<String> children = event.getChildren() != null ? event.getChildren() : List.of();
        String first =
                children.stream().min(Comparator.comparing(Lease::sequence)).orElse(null);
        if (first == null) {
            leaderlessNanos.addAndGet(sinceLastPing);
        }
        CuratorLeaderElection.Term current = election.term();
        if (current == null) {
            checkForStall(children, first);
            return;
        }
        stalledNode = null;
        // A listing older than the term may still show the previous leader's node.
        if (sent - current.startNanos() > 0 && !current.nodePath().endsWith("/" + first)) {
            log.warn("Election {}: node {} leads in ZooKeeper, not ours; stepping down", election.name(), first);
            LeaderLatch stepping = election.latch();
            election.revoke(current, RevocationReason.LEADERSHIP_LOST);
            election.rejoinIfIdle(stepping, () -> {});
        }
    }

    /**
     * Rejoins when the latch cannot lead although it should, or cannot ever lead: our node is first but no term
     * began (the latch missed the previous leader's departure), or our node is gone (the session expired and the
     * latch did not recreate it). Either state blocks the election silently, so it must hold on two pings in a row;
     * a single one is normal while the latch's callbacks are on their way.
     */
    private void checkForStall(List<String> children, String first) {
        LeaderLatch current = election.latch();
        if (current == null) {
            // Sitting out after a yield (or stopping): no node of ours is expected.
            stalledNode = null;
            return;
        }
        String ours = current.getOurPath();
        boolean gone = ours == null || children.stream().noneMatch(child -> ours.endsWith("/" + child));
        boolean idleFirst = !gone && ours.endsWith("/" + first);
        if (!gone && !idleFirst) {
            stalledNode = null;
            return;
        }
        String state = (gone ? "gone:" : "first:") + ours;
        if (!state.equals(stalledNode)) {
            stalledNode = state;
            return;
        }
        stalledNode = null;
        election.rejoinIfIdle(current, () -> {
            if (gone) {
                log.warn("Election {}: our latch node {} is gone from ZooKeeper; rejoining", election.name(), ours);
            } else {
                log.warn(
                        "Election {}: our node {} leads in ZooKeeper but this instance holds no term (latch"
                                + " leads: {}); rejoining so that a leader is elected",
                        election.name(),
                        first,
                        current.hasLeadership());
            }
        });
    }

    private static String sequence(String node) {
        int dash = node.lastIndexOf('-');
        return dash >= 0 ? node.substring(dash + 1) : node;
    }

    private long leaseNanos() {
        long negotiated = SessionTimeoutCheck.negotiatedMillis(client);
        long sessionMillis =
                negotiated > 0 ? negotiated : client.getZookeeperClient().getConnectionTimeoutMs() * 2L;
        long lease = TimeUnit.MILLISECONDS.toNanos(sessionMillis * 2 / 3);
        return configured != null ? Math.min(lease, configured.toNanos()) : lease;
    }
}
