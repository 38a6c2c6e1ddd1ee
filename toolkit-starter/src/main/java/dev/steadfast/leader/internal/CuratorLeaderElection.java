package dev.steadfast.leader.internal;

import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeadershipGranted;
import dev.steadfast.leader.LeadershipListener;
import dev.steadfast.leader.LeadershipRevoked;
import dev.steadfast.leader.NotLeaderException;
import dev.steadfast.leader.RevocationReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One election on a Curator {@link LeaderLatch}. The latch decides who leads; this class decides when this
 * instance may act on it: only while its connection is up and its lease, measured on the monotonic clock since
 * the last successful round trip to ZooKeeper, has not run out. Each term's token is the zxid of a write to the
 * leader's own latch node when the term begins, so it is larger than every earlier term's token.
 *
 * <p>Threads: the latch's callbacks, grants, yields and event delivery run on the election's single event thread;
 * connection changes arrive on Curator's thread and only clear the term; the {@link Lease}'s thread pings ZooKeeper.
 */
public final class CuratorLeaderElection implements LeaderElection {

    private static final Logger log = LoggerFactory.getLogger(CuratorLeaderElection.class);

    /** How long {@link #stop()} waits for listeners to receive the revocation of a term they were granted. */
    private static final long REVOCATION_DELIVERY_MILLIS = 30_000;

    record Term(FencingToken token, String nodePath, long startNanos) {}

    private final String name;
    private final String participantId;
    private final String latchPath;
    private final CuratorFramework client;
    private final EventDispatcher dispatcher;
    private final LongSupplier clock;
    private final Lease lease;
    private final ConnectionStateListener connectionListener = this::connectionChanged;
    private final AtomicReference<Term> term = new AtomicReference<>();
    private final AtomicLong connectionEpoch = new AtomicLong();
    private final AtomicLong transitions = new AtomicLong();
    private final AtomicLong suspensions = new AtomicLong();
    private final LongAdder skipped = new LongAdder();
    /** Guards {@link #running} against a term being published while {@link #stop()} ends the election. */
    private final Object lifecycle = new Object();

    private volatile LeaderLatch latch;
    private volatile boolean running;
    private volatile boolean connected;

    public CuratorLeaderElection(
            String name,
            String participantId,
            String latchPath,
            CuratorFramework client,
            Duration configuredLease,
            EventDispatcher dispatcher) {
        this(name, participantId, latchPath, client, configuredLease, dispatcher, System::nanoTime);
    }

    /** With a monotonic clock of the test's choice, to play a paused JVM. */
    CuratorLeaderElection(
            String name,
            String participantId,
            String latchPath,
            CuratorFramework client,
            Duration configuredLease,
            EventDispatcher dispatcher,
            LongSupplier clock) {
        this.clock = clock;
        this.name = name;
        this.participantId = participantId;
        this.latchPath = latchPath;
        this.client = client;
        this.dispatcher = dispatcher;
        this.lease = new Lease(this, latchPath, client, configuredLease, clock);
    }

    /**
     * Test-only: keeps this instance answering {@link #isLeader()}, {@link #currentToken()} and
     * {@link #assertLeader(FencingToken)} as leader, and keeps its term, after its lease has lapsed; only a lost
     * connection or session still ends the term. This removes the protection against a paused or cut-off leader
     * acting after ZooKeeper may already have let another instance lead, so that a chaos run can prove its checker
     * catches such writes. Call before {@link #start()}.
     */
    void actOnLapsedLease(boolean actOnLapsedLease) {
        lease.actOnLapsedLease(actOnLapsedLease);
    }

    /** Whether the test-only hook of {@link #actOnLapsedLease(boolean)} is on. */
    public boolean actsOnLapsedLease() {
        return lease.actsOnLapsedLease();
    }

    /** Joins the election; returns at once, leadership follows as an event. */
    public synchronized void start() {
        if (running) {
            return;
        }
        if (lease.actsOnLapsedLease()) {
            log.warn(
                    "TEST-ONLY: election {} acts on a lapsed lease (steadfast.leader.test-only.act-on-lapsed-lease):"
                            + " a paused or cut-off leader keeps acting after another may lead",
                    name);
        }
        running = true;
        dispatcher.restart();
        // Listen before reading the state: a CONNECTED event between the two would otherwise be missed, leaving
        // this instance "disconnected" while its latch leads, so that nobody acts and nobody yields.
        client.getConnectionStateListenable().addListener(connectionListener);
        connected = client.getZookeeperClient().isConnected();
        lease.start();
        dispatcher.execute(this::join);
    }

    /** Releases leadership first (so that a standby takes over at once), then leaves the election. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        Term ending;
        LeaderLatch current;
        synchronized (lifecycle) {
            running = false;
            ending = term.get();
            // Forgotten here, under the lock: a grant still blocked in its write on the old event thread then finds
            // another latch (or none) and can never rejoin with a second latch under the same participant id.
            current = latch;
            latch = null;
        }
        boolean revoked = revoke(ending, RevocationReason.SHUTDOWN);
        lease.stop();
        client.getConnectionStateListenable().removeListener(connectionListener);
        String ourPath = current != null ? current.getOurPath() : null;
        closeQuietly(current);
        if (ourPath != null && connected) {
            try {
                // The latch deletes in the background; deleting here makes the handoff happen before we return.
                client.delete().quietly().forPath(ourPath);
            } catch (Exception ex) {
                log.debug("Could not delete {} of election {}; its session's expiry will", ourPath, name, ex);
            }
        }
        // A delivered grant must be followed by its revocation: wait for it longer than for anything else queued.
        dispatcher.shutdown(revoked ? REVOCATION_DELIVERY_MILLIS : 2_000);
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String participantId() {
        return participantId;
    }

    @Override
    public boolean isLeader() {
        return leads(term.get());
    }

    /** Whether this instance may act in the given term now; callers read the term once and pass it here. */
    private boolean leads(Term current) {
        // Curator's own flag flips on the ZooKeeper event itself, before any connection listener has run.
        if (current == null || !connected || !client.getZookeeperClient().isConnected()) {
            return false;
        }
        // A paused JVM wakes up here before any event: refuse at once, and let the lease thread revoke.
        return lease.holds();
    }

    @Override
    public Optional<FencingToken> currentToken() {
        Term current = term.get();
        return leads(current) ? Optional.of(current.token()) : Optional.empty();
    }

    @Override
    public Optional<String> leaderId() {
        LeaderLatch current = latch;
        if (current == null || !connected) {
            return Optional.empty();
        }
        try {
            Participant leader = current.getLeader();
            return leader.isLeader() ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception ex) {
            log.debug("Could not read the leader of election {}", name, ex);
            return Optional.empty();
        }
    }

    @Override
    public List<String> participants() {
        LeaderLatch current = latch;
        if (current == null || !connected) {
            return List.of();
        }
        try {
            List<String> ids = new ArrayList<>();
            for (Participant participant : current.getParticipants()) {
                ids.add(participant.getId());
            }
            return List.copyOf(ids);
        } catch (Exception ex) {
            log.debug("Could not read the participants of election {}", name, ex);
            return List.of();
        }
    }

    @Override
    public void assertLeader(FencingToken token) {
        Term current = term.get();
        if (!leads(current)) {
            throw new NotLeaderException(token, participantId + " does not lead election " + name + " now");
        }
        if (token == null || !current.token().equals(token)) {
            throw new NotLeaderException(
                    token,
                    "Term " + token + " of election " + name + " is over; the current term is " + current.token());
        }
    }

    /**
     * Ends the term, delivers its revocation (listeners write their final checkpoints then, while the latch node
     * still comes first, so no other instance leads yet), and only then leaves the latch for the next participant.
     */
    @Override
    public void yieldLeadership() {
        yieldLeadership(Duration.ZERO);
    }

    /**
     * Like {@link #yieldLeadership()}; with a positive {@code sitOut} the latch is left and joined again only after
     * it, so that this instance cannot be elected again meanwhile even if it is the only participant.
     */
    @Override
    public void yieldLeadership(Duration sitOut) {
        dispatcher.execute(() -> {
            Term current = term.get();
            if (current != null && term.compareAndSet(current, null)) {
                transitions.incrementAndGet();
                dispatcher.deliver(new LeadershipRevoked(name, current.token(), RevocationReason.YIELDED));
                if (sitOut.isNegative() || sitOut.isZero()) {
                    rejoin(latch);
                } else {
                    sitOut(sitOut);
                }
            }
        });
    }

    /** Whether this instance left the election after a yield and has not joined it again yet. */
    public boolean isSittingOut() {
        return running && latch == null;
    }

    @Override
    public void addListener(LeadershipListener listener) {
        dispatcher.addListener(listener);
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        dispatcher.removeListener(listener);
    }

    /** How long this instance keeps acting as leader without a round trip to ZooKeeper, as of its last term. */
    public Duration leaseDuration() {
        return lease.duration();
    }

    /** How many times this instance gained or lost leadership. */
    public long transitions() {
        return transitions.get();
    }

    /** How many times the connection was suspended while this election ran. */
    public long suspensions() {
        return suspensions.get();
    }

    /** Total time in which this instance saw no participant in the election or could not see ZooKeeper at all. */
    public Duration leaderlessTime() {
        return lease.leaderlessTime();
    }

    /** How many {@code @LeaderOnly} calls were skipped because this instance did not lead. */
    public long skippedCalls() {
        return skipped.sum();
    }

    /** Counts one {@code @LeaderOnly} call skipped on this instance. */
    public void recordSkippedCall() {
        skipped.increment();
    }

    /**
     * Joins with a new latch unless this instance already has one: at most one latch per instance, whichever thread
     * asks (a start, a rejoin, the end of a sit-out, a task left over from before a stop and start), because a second
     * latch under the same participant id that comes first would lead without any term, and stall the election.
     */
    private void join() {
        synchronized (lifecycle) {
            if (!running || latch != null) {
                return;
            }
            LeaderLatch fresh = new LeaderLatch(client, latchPath, participantId, LeaderLatch.CloseMode.SILENT);
            fresh.addListener(
                    new LeaderLatchListener() {
                        @Override
                        public void isLeader() {
                            granted(fresh);
                        }

                        @Override
                        public void notLeader() {
                            if (fresh == latch) {
                                revoke(term.get(), reasonForLostLeadership());
                            }
                        }
                    },
                    dispatcher.executor());
            latch = fresh;
            try {
                // Started under the lock (it only queues the node's creation), so that a stop cannot forget a latch
                // that starts after it.
                fresh.start();
            } catch (Exception ex) {
                log.error("Could not join election {}", name, ex);
            }
        }
    }

    /**
     * Runs on the event thread when the latch reports leadership: opens a term with a fresh token. The term is
     * published only after every check, under the lock {@link #stop()} takes to end the election: the {@code setData}
     * may have been retried across a reconnect while the latch reset and another instance was elected, and a stop
     * meanwhile could not revoke a term it did not see.
     */
    private void granted(LeaderLatch source) {
        if (source == null || source != latch || !running || !source.hasLeadership()) {
            return;
        }
        long epoch = connectionEpoch.get();
        String nodePath = source.getLastPathIsLeader();
        long sent = clock.getAsLong();
        Stat stat;
        try {
            stat = client.setData().forPath(nodePath, participantId.getBytes(StandardCharsets.UTF_8));
        } catch (Exception ex) {
            if (running && source == latch) {
                log.warn("Could not open a term in election {} ({}); rejoining", name, ex.toString());
                rejoin(source);
            }
            return;
        }
        Term fresh = new Term(new FencingToken(name, stat.getMzxid()), nodePath, sent);
        synchronized (lifecycle) {
            if (!running
                    || source != latch
                    || connectionEpoch.get() != epoch
                    || !connected
                    || !source.hasLeadership()) {
                // The latch reports its leadership again once it has re-established it on the new connection.
                log.info("Election {}: leadership changed while term {} was opening; not starting it", name, fresh);
                return;
            }
            lease.beginTerm(sent);
            term.set(fresh);
        }
        transitions.incrementAndGet();
        // A revocation from here on is queued behind this delivery, so listeners always see the grant first.
        dispatcher.deliver(new LeadershipGranted(name, fresh.token()));
    }

    /**
     * The latch may hear of a suspended connection before our own listener does (Curator calls connection
     * listeners in no fixed order), so ask the ZooKeeper client itself.
     */
    private RevocationReason reasonForLostLeadership() {
        return connected && client.getZookeeperClient().isConnected()
                ? RevocationReason.LEADERSHIP_LOST
                : RevocationReason.CONNECTION_SUSPENDED;
    }

    boolean revoke(Term ending, RevocationReason reason) {
        if (ending != null && term.compareAndSet(ending, null)) {
            transitions.incrementAndGet();
            dispatcher.execute(() -> dispatcher.deliver(new LeadershipRevoked(name, ending.token(), reason)));
            return true;
        }
        return false;
    }

    /**
     * Leaves the latch and joins again at the end of the queue, so that another participant leads if any; only if
     * {@code expected} is still this instance's latch, checked under the lock that {@link #stop()} takes.
     */
    private void rejoin(LeaderLatch expected) {
        synchronized (lifecycle) {
            if (!running || expected == null || latch != expected) {
                return;
            }
            latch = null;
        }
        closeQuietly(expected);
        join();
    }

    /** Leaves the latch and joins again after {@code duration}; a stop meanwhile cancels the return. */
    private void sitOut(Duration duration) {
        LeaderLatch leaving;
        synchronized (lifecycle) {
            leaving = latch;
            if (!running || leaving == null) {
                return;
            }
            latch = null;
        }
        closeQuietly(leaving);
        log.info("Election {}: sitting out for {} before joining again", name, duration);
        try {
            lease.runLater(() -> dispatcher.execute(this::join), duration);
        } catch (RejectedExecutionException ex) {
            // Stopped meanwhile; a start joins anew.
        }
    }

    private void connectionChanged(CuratorFramework source, ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> {
                lease.contacted();
                connected = true;
            }
            case SUSPENDED, READ_ONLY -> {
                connected = false;
                connectionEpoch.incrementAndGet();
                suspensions.incrementAndGet();
                revoke(term.get(), RevocationReason.CONNECTION_SUSPENDED);
            }
            case LOST -> {
                connected = false;
                connectionEpoch.incrementAndGet();
                revoke(term.get(), RevocationReason.SESSION_LOST);
            }
        }
    }

    /** Runs on the lease thread before each renewal's round trip: ends a term whose lease ran out by {@code now}. */
    void endTermIfLapsed(long now) {
        Term current = term.get();
        if (current != null && lease.lapsedAt(now)) {
            revoke(current, RevocationReason.LEASE_EXPIRED);
            // The latch may still hold leadership (the connection was fine but we could not confirm it in time):
            // open a new term if it does, else the latch's own events follow.
            dispatcher.execute(() -> {
                if (connected) {
                    granted(latch);
                }
            });
        }
    }

    /**
     * Leaves {@code stale} on the event thread after {@code announce}, if it is then still this instance's latch and
     * holds no term: a term that began on it after the caller's decision (its grant ran first on that thread) would
     * end with the latch, unrevoked, if we left it; the next ping judges that term on its own.
     */
    void rejoinIfIdle(LeaderLatch stale, Runnable announce) {
        dispatcher.execute(() -> {
            if (running && latch == stale && term.get() == null) {
                announce.run();
                rejoin(stale);
            }
        });
    }

    boolean connected() {
        return connected;
    }

    Term term() {
        return term.get();
    }

    LeaderLatch latch() {
        return latch;
    }

    private void closeQuietly(LeaderLatch closing) {
        if (closing != null && closing.getState() == LeaderLatch.State.STARTED) {
            try {
                closing.close();
            } catch (Exception ex) {
                log.debug("Closing the latch of election {} failed", name, ex);
            }
        }
    }
}
