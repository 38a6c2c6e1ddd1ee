package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointException;
import dev.steadfast.checkpoint.CheckpointFencedException;
import dev.steadfast.checkpoint.CheckpointListener;
import dev.steadfast.checkpoint.CheckpointManager;
import dev.steadfast.checkpoint.CheckpointMetadata;
import dev.steadfast.checkpoint.CheckpointStatus;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.CheckpointUpgrader;
import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import dev.steadfast.leader.NotLeaderException;
import dev.steadfast.leader.internal.ZooKeeperLeaderElections;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link CheckpointManager}: restores, saves periodically and at the end, and reports. Without leader election
 * the state is restored when all singletons exist (before any lifecycle bean, such as the web server, starts).
 * With leader election a {@link ElectionBinding} restores it synchronously on the election's event thread when
 * leadership is granted, before {@code @LeaderOnly} work may run (see {@link LeaderOnlyRestoreGuard}). Its
 * lifecycle {@link #PHASE} is later than the elections', so at shutdown the final checkpoint is written before
 * leadership is released.
 */
public final class DefaultCheckpointManager implements CheckpointManager, SmartInitializingSingleton, SmartLifecycle {

    private static final Log logger = LogFactory.getLog(DefaultCheckpointManager.class);

    /**
     * The lifecycle phase: after the elections', so that at shutdown the manager stops first and writes its final
     * checkpoints while this instance still leads, declared rather than left to the order of bean names.
     */
    public static final int PHASE = ZooKeeperLeaderElections.PHASE + 1;

    private final CheckpointStore store;

    private final JsonMapper mapper;

    private final Supplier<List<CheckpointRegistration>> registrations;

    private final LeaderElections elections;

    private final String writerId;

    private final Clock clock;

    private final RestorePolicy restorePolicy;

    private final List<CheckpointListener> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, CheckpointTracker> trackers = new LinkedHashMap<>();

    private final List<ElectionBinding> bindings = new ArrayList<>();

    private final Object restoredSignal = new Object();

    private final CheckpointReader reader;

    private final RestoreAttempts restoreAttempts;

    private ScheduledExecutorService scheduler;

    private volatile boolean running;

    /**
     * Creates the manager.
     *
     * @param elections the elections, or {@code null} when leader election is off
     */
    public DefaultCheckpointManager(
            CheckpointStore store,
            JsonMapper mapper,
            Supplier<List<CheckpointRegistration>> registrations,
            List<CheckpointUpgrader> upgraders,
            LeaderElections elections,
            String writerId,
            Clock clock) {
        this(store, mapper, registrations, upgraders, elections, writerId, clock, RestorePolicy.DEFAULT);
    }

    /**
     * Creates the manager.
     *
     * @param elections the elections, or {@code null} when leader election is off
     * @param restorePolicy what a leader does when it cannot restore
     */
    public DefaultCheckpointManager(
            CheckpointStore store,
            JsonMapper mapper,
            Supplier<List<CheckpointRegistration>> registrations,
            List<CheckpointUpgrader> upgraders,
            LeaderElections elections,
            String writerId,
            Clock clock,
            RestorePolicy restorePolicy) {
        this.restorePolicy = restorePolicy;
        this.store = store;
        this.mapper = mapper;
        this.registrations = registrations;
        this.elections = elections;
        this.writerId = writerId;
        this.clock = clock;
        this.reader = new CheckpointReader(store, mapper, upgraders, listeners);
        this.restoreAttempts = new RestoreAttempts(this, reader, elections, restorePolicy);
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (CheckpointRegistration registration : registrations.get()) {
            String election = null;
            if (elections != null) {
                election = registration.election().isEmpty()
                        ? elections.getDefault().name()
                        : elections.get(registration.election()).name();
            }
            trackers.put(registration.name(), new CheckpointTracker(registration, election, store.type()));
        }
        if (elections == null) {
            trackers.values().forEach(tracker -> restore(tracker, 0));
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "steadfast-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        if (elections != null) {
            trackers.values().stream()
                    .map(CheckpointTracker::election)
                    .distinct()
                    .forEach(name -> {
                        ElectionBinding binding = new ElectionBinding(elections.get(name), this);
                        bindings.add(binding);
                        binding.bind();
                    });
        }
        for (CheckpointTracker tracker : trackers.values()) {
            long millis = tracker.registration().interval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> tick(tracker), millis, millis, TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        bindings.forEach(ElectionBinding::unbind);
        bindings.clear();
        scheduler.shutdownNow();
        for (CheckpointTracker tracker : trackers.values()) {
            currentWriteToken(tracker).ifPresent(token -> saveQuietly(tracker, token, "shutdown"));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public Set<String> names() {
        return trackers.keySet();
    }

    @Override
    public CheckpointMetadata save(String name) {
        CheckpointTracker tracker = tracker(name);
        long token = currentWriteToken(tracker)
                .orElseThrow(() -> new NotLeaderException(
                        null,
                        "This instance does not write checkpoint '" + name + "' now: it has not restored it "
                                + "for a current leadership term"));
        return save(tracker, token);
    }

    @Override
    public Optional<CheckpointMetadata> latest(String name) {
        CheckpointTracker tracker = tracker(name);
        return reader.newestValid(tracker, currentWriteToken(tracker).isPresent(), false)
                .map(found -> found.envelope().metadata());
    }

    @Override
    public <S> Optional<S> readLatest(String name, Class<S> type) {
        CheckpointTracker tracker = tracker(name);
        return reader.newestValid(tracker, currentWriteToken(tracker).isPresent(), false)
                .map(found -> type.cast(found.state()));
    }

    @Override
    public List<CheckpointMetadata> list(String name) {
        return reader.list(tracker(name).registration().name());
    }

    @Override
    public CheckpointStatus status(String name) {
        return tracker(name).status(currentWriteToken(tracker(name)).isPresent());
    }

    @Override
    public boolean isRestored(String election) {
        return trackers.values().stream()
                .filter(tracker -> elections == null || tracker.election().equals(election))
                .allMatch(tracker -> currentWriteToken(tracker).isPresent());
    }

    @Override
    public boolean awaitRestored(String election, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (restoredSignal) {
            while (!isRestored(election)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                restoredSignal.wait(Math.min(left, 50));
            }
            return true;
        }
    }

    @Override
    public void addListener(CheckpointListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(CheckpointListener listener) {
        listeners.remove(listener);
    }

    /** What a leader does when it cannot restore. */
    public RestorePolicy restorePolicy() {
        return restorePolicy;
    }

    /** The instance that writes checkpoints, as recorded in their envelopes. */
    public String writerId() {
        return writerId;
    }

    /** Restores every checkpoint of the election for the new term; called on the election's event thread. */
    void granted(String election, FencingToken token) {
        for (CheckpointTracker tracker : trackers.values()) {
            if (tracker.election().equals(election) && !tracker.isWriter(token.value())) {
                restoreAttempts.attempt(tracker, token.value());
            }
        }
    }

    /** Ends the term's writing; a graceful end writes a final checkpoint, which the store fences if too late. */
    void revoked(String election, FencingToken token, boolean graceful) {
        for (CheckpointTracker tracker : trackers.values()) {
            if (tracker.election().equals(election)) {
                tracker.clearFencedOut();
            }
            if (tracker.election().equals(election) && tracker.isWriter(token.value())) {
                if (graceful && running) {
                    saveQuietly(tracker, token.value(), "graceful revocation");
                }
                tracker.stopWriting();
            }
        }
    }

    private void tick(CheckpointTracker tracker) {
        try {
            if (elections == null) {
                currentWriteToken(tracker).ifPresent(token -> save(tracker, token));
                return;
            }
            LeaderElection election = elections.get(tracker.election());
            Optional<FencingToken> token = election.currentToken();
            if (token.isPresent() && election.isLeader()) {
                if (tracker.isWriter(token.get().value())) {
                    save(tracker, token.get().value());
                } else {
                    restoreAttempts.attempt(tracker, token.get().value());
                }
            } else if (tracker.isRestoreBlocked()) {
                restoreAttempts.recheckBlocked(tracker);
            }
        } catch (CheckpointException | NotLeaderException ex) {
            logger.warn("Checkpoint '" + tracker.name() + "': " + ex.getMessage());
        } catch (RuntimeException ex) {
            logger.error("Checkpoint '" + tracker.name() + "' failed", ex);
        }
    }

    /** The scheduler of the current run, looked up at each use because a restart replaces it. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The token this instance may write the checkpoint with now, if any. */
    private Optional<Long> currentWriteToken(CheckpointTracker tracker) {
        if (elections == null) {
            return tracker.isWriter(0) ? Optional.of(0L) : Optional.empty();
        }
        LeaderElection election = elections.get(tracker.election());
        return election.currentToken()
                .filter(token -> election.isLeader() && tracker.isWriter(token.value()))
                .map(FencingToken::value);
    }

    private CheckpointMetadata save(CheckpointTracker tracker, long token) {
        synchronized (tracker.operationLock()) {
            if (!tracker.isWriter(token)) {
                throw new NotLeaderException(
                        null, "Checkpoint '" + tracker.name() + "' is not written in term " + token);
            }
            long started = System.nanoTime();
            try {
                byte[] payload =
                        mapper.writeValueAsBytes(tracker.registration().state().snapshot());
                long sequence = tracker.lastSequence() + 1;
                byte[] envelope = Envelope.encode(
                        tracker.name(),
                        tracker.registration().schemaVersion(),
                        sequence,
                        token,
                        writerId,
                        clock.instant(),
                        payload);
                store.commit(tracker.name(), sequence, token, envelope);
                CheckpointMetadata metadata = Envelope.describe(envelope);
                tracker.saved(metadata);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                listeners.forEach(listener -> listener.saved(metadata, took));
                return metadata;
            } catch (CheckpointFencedException ex) {
                // A later term owns the checkpoint now: never try again in this term.
                tracker.stopWriting();
                fail(tracker, ex, true);
                throw ex;
            } catch (CheckpointException ex) {
                fail(tracker, ex, false);
                throw ex;
            } catch (RuntimeException ex) {
                CheckpointException failure =
                        new CheckpointException("Saving checkpoint '" + tracker.name() + "' failed: " + ex, ex);
                fail(tracker, failure, false);
                throw failure;
            }
        }
    }

    private void saveQuietly(CheckpointTracker tracker, long token, String why) {
        try {
            save(tracker, token);
        } catch (RuntimeException ex) {
            logger.warn("Final checkpoint '" + tracker.name() + "' on " + why + " not written: " + ex.getMessage());
        }
    }

    /** Restores the checkpoint for the term of {@code token}, or alone without elections, as its writer. */
    void restore(CheckpointTracker tracker, long token) {
        synchronized (tracker.operationLock()) {
            if (token > 0 && (tracker.isWriter(token) || tracker.hasNewerTermThan(token))) {
                // Already restored for this term (or a later one) by the event thread or a tick; restoring again
                // would undo work, and a stale term must not demote the current writer.
                return;
            }
            long started = System.nanoTime();
            try {
                if (token > 0) {
                    checkNotBelowStoredFence(tracker, token);
                    // From now on the store refuses writers of earlier terms, even before this term's first save.
                    store.fence(tracker.name(), token);
                }
                // Fenced with this term's token above (or alone without elections): this instance is the writer.
                Optional<CheckpointReader.Restorable> found = reader.newestValid(tracker, true, true);
                found.ifPresent(restorable -> tracker.registration().state().restore(restorable.state()));
                Optional<CheckpointMetadata> metadata =
                        found.map(restorable -> restorable.envelope().metadata());
                tracker.restored(token, store.head(tracker.name()).sequence(), metadata);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                listeners.forEach(listener -> listener.restored(tracker.name(), metadata, took));
                logger.info("Checkpoint '" + tracker.name() + "' restored "
                        + metadata.map(m -> "from #" + m.sequence() + " (token " + m.token() + ")")
                                .orElse("nothing (no checkpoint yet)")
                        + " for token " + token);
            } catch (CheckpointException ex) {
                fail(tracker, ex, false);
                throw ex;
            } catch (RuntimeException ex) {
                CheckpointException failure =
                        new CheckpointException("Restoring checkpoint '" + tracker.name() + "' failed: " + ex, ex);
                fail(tracker, failure, false);
                throw failure;
            }
        }
        synchronized (restoredSignal) {
            restoredSignal.notifyAll();
        }
    }

    /**
     * A token below the stored fence can never write. Either this term is already over (its revocation follows),
     * or ZooKeeper lost its data: a wiped data directory restarts zxids, and so every new token, below the fences
     * the checkpoint store kept, and no instance could ever write again. Said loudly, with the way out.
     */
    private void checkNotBelowStoredFence(CheckpointTracker tracker, long token) {
        long fence = store.head(tracker.name()).token();
        if (token >= fence) {
            return;
        }
        String message = "Checkpoint '" + tracker.name() + "': the fencing token " + token + " of this term is lower"
                + " than the fence " + fence + " stored in the " + store.type() + " store, so this instance can"
                + " neither restore nor write it. If this persists, ZooKeeper lost its data (a wiped data directory"
                + " restarts its zxids low) and no instance will ever write this checkpoint again: restore ZooKeeper's"
                + " data, or stop every instance and reset the stored fence (README, 'Recovering from a wiped"
                + " ZooKeeper').";
        if (tracker.fencedOut(message)) {
            logger.error(message);
        }
        throw new FencedOutException(message);
    }

    private void fail(CheckpointTracker tracker, CheckpointException failure, boolean fenced) {
        tracker.failed(failure.getMessage());
        listeners.forEach(listener -> listener.failed(tracker.name(), failure, fenced));
    }

    private CheckpointTracker tracker(String name) {
        CheckpointTracker tracker = trackers.get(name);
        if (tracker == null) {
            throw new IllegalArgumentException("No checkpoint named '" + name + "'; known: " + trackers.keySet());
        }
        return tracker;
    }

    /**
     * This term's token is below the stored fence: no restore or write can succeed in it on any instance. Nested here
     * because listeners receive it through {@link CheckpointListener#failed}, so its name is part of what they see.
     */
    static final class FencedOutException extends CheckpointException {

        FencedOutException(String message) {
            super(message);
        }
    }
}
