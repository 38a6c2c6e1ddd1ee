package dev.steadfast.leader.internal;

import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderElections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The elections of this application, joined and left together as one {@link SmartLifecycle}. Its phase,
 * {@link #PHASE}, is one below the latest: it joins after everything else has started (web server included) and, on
 * shutdown, releases leadership before anything but the checkpoint manager stops (the manager, one phase later,
 * writes its final checkpoints first, while this instance still leads), so that a standby takes over within a round
 * trip to ZooKeeper.
 */
public final class ZooKeeperLeaderElections implements LeaderElections, SmartLifecycle {

    /** The lifecycle phase of the elections: stopped right after the checkpoint manager, before everything else. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1;

    private final Map<String, CuratorLeaderElection> elections;
    private final String defaultName;
    private volatile boolean running;

    /**
     * @param names election names, the default first
     * @param rootPath the parent path of every election's latch
     * @param actOnLapsedLease test-only, {@code false} in every real use: whether the elections keep acting after
     *     their lease has lapsed (see {@code steadfast.leader.test-only.act-on-lapsed-lease})
     */
    public ZooKeeperLeaderElections(
            List<String> names,
            String participantId,
            String rootPath,
            CuratorFramework client,
            Duration lease,
            boolean actOnLapsedLease,
            ApplicationEventPublisher publisher) {
        Map<String, CuratorLeaderElection> byName = new LinkedHashMap<>();
        for (String name : names) {
            CuratorLeaderElection election = new CuratorLeaderElection(
                    name,
                    participantId,
                    ZKPaths.makePath(rootPath, name),
                    client,
                    lease,
                    new EventDispatcher(name, publisher));
            election.actOnLapsedLease(actOnLapsedLease);
            byName.put(name, election);
        }
        this.elections = Collections.unmodifiableMap(byName);
        this.defaultName = names.get(0);
    }

    @Override
    public LeaderElection getDefault() {
        return elections.get(defaultName);
    }

    @Override
    public LeaderElection get(String name) {
        CuratorLeaderElection election = elections.get(name);
        if (election == null) {
            throw new IllegalArgumentException("No election named '" + name + "'; configured: " + elections.keySet()
                    + " (add steadfast.leader.elections." + name + ".*)");
        }
        return election;
    }

    @Override
    public Collection<LeaderElection> all() {
        return List.copyOf(elections.values());
    }

    /** The implementations, for metrics and the {@code @LeaderOnly} counter. */
    public Collection<CuratorLeaderElection> implementations() {
        return elections.values();
    }

    @Override
    public void start() {
        elections.values().forEach(CuratorLeaderElection::start);
        running = true;
    }

    @Override
    public void stop() {
        List<CuratorLeaderElection> reversed = new ArrayList<>(elections.values());
        Collections.reverse(reversed);
        reversed.forEach(CuratorLeaderElection::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
