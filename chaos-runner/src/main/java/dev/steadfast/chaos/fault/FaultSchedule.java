package dev.steadfast.chaos.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A reproducible fault schedule: the same seed gives the same faults in the same order with the same timing.
 * Every cycle injects each kind of fault once, severe ones (crashes, zombie leader, ZooKeeper loss) first, each
 * in a seeded order, separated by seeded quiet gaps.
 */
public final class FaultSchedule {

    /**
     * The payment services' test-only settlement delay in runs that aim a pause inside settlement: a new leader's
     * first write comes at least this long after its term began.
     */
    public static final Duration SETTLEMENT_DELAY = Duration.ofSeconds(3);

    /**
     * Frozen this long, a leader wakes after ZooKeeper ended its term (the 6 s session plus up to a tick) and before
     * its successor can have written (the successor's term begins then, and its first run waits {@link
     * #SETTLEMENT_DELAY} first).
     */
    static final long IN_SETTLEMENT_BEFORE_SUCCESSOR = 7_500;

    /**
     * Frozen at least this long, and then until another instance has written a batch (see {@link
     * ScheduledFault#outlastsSuccessorsWrite()}), a leader wakes after its successor has written: term at about
     * 6.5 s, its next settlement run within 3 s, its delay of 3 s, its transaction; on a loaded machine later.
     */
    static final long IN_SETTLEMENT_AFTER_SUCCESSOR = 16_000;

    private final List<ScheduledFault> faults;

    private FaultSchedule(List<ScheduledFault> faults) {
        this.faults = List.copyOf(faults);
    }

    /**
     * Plans faults of every kind but the {@link FaultKind#AIMED} ones over {@code duration}. {@link FaultKind#PHASES}
     * are never drawn: the run carries them out after the schedule.
     *
     * @param pause how long a paused leader stays frozen: longer than the services' ZooKeeper session timeout
     */
    public static FaultSchedule generate(long seed, Duration duration, Duration pause, int instancesPerService) {
        return generate(seed, duration, pause, instancesPerService, FaultKind.defaults(), false);
    }

    /**
     * Plans faults of the given kinds only (a failpoint run needs just the fault that exposes it), for the local
     * topology: link faults through the runner's proxies, no container partitions.
     */
    public static FaultSchedule generate(
            long seed, Duration duration, Duration pause, int instancesPerService, Set<FaultKind> kinds) {
        return generate(seed, duration, pause, instancesPerService, kinds, false);
    }

    /**
     * Plans faults of the given kinds over {@code duration}. With {@code partitions} (the compose topology) the
     * container partitions join the severe faults and the proxy link faults are left out, since no proxy stands
     * between containers; without it (local processes) it is the other way round.
     *
     * @param pause how long a paused leader stays frozen, and a partitioned one cut off: longer than the services'
     *     ZooKeeper session timeout
     */
    public static FaultSchedule generate(
            long seed,
            Duration duration,
            Duration pause,
            int instancesPerService,
            Set<FaultKind> kinds,
            boolean partitions) {
        if (kinds.isEmpty()) {
            return none();
        }
        Random random = new Random(seed);
        List<ScheduledFault> faults = new ArrayList<>();
        long firstAt = 5_000;
        long at = firstAt;
        int inSettlement = 0;
        while (at < duration.toMillis()) {
            List<FaultKind> severe = new ArrayList<>(FaultKind.SEVERE);
            severe.addAll(FaultKind.AIMED);
            List<FaultKind> namedOnly = new ArrayList<>(FaultKind.NAMED_ONLY);
            if (partitions) {
                severe.addAll(FaultKind.NETWORK);
            }
            List<FaultKind> mild = new ArrayList<>(FaultKind.MILD);
            if (partitions) {
                // No proxies and no test-only settlement delay between containers.
                severe.removeAll(FaultKind.AIMED);
                severe.removeAll(FaultKind.LINKS);
                mild.removeAll(FaultKind.LINKS);
            }
            mild.addAll(namedOnly);
            severe.retainAll(kinds);
            mild.retainAll(kinds);
            Collections.shuffle(severe, random);
            Collections.shuffle(mild, random);
            List<FaultKind> cycle = new ArrayList<>(severe);
            cycle.addAll(mild);
            if (cycle.isEmpty()) {
                // Nothing drawable among the kinds asked for (only phases, or only faults this topology cannot make).
                break;
            }
            for (FaultKind kind : cycle) {
                if (at >= duration.toMillis()) {
                    break;
                }
                long hold =
                        switch (kind) {
                            case PAUSE_PAYMENT_LEADER,
                                    ISOLATE_PAYMENT_LEADER,
                                    PARTITION_PAYMENT_LEADER_FROM_ZOOKEEPER,
                                    PARTITION_PAYMENT_LEADER_FROM_DATABASE -> pause.toMillis();
                            case LATENCY_ASSAULT, EXCEPTION_ASSAULT -> 8_000 + random.nextInt(4_000);
                            // Half the outages outlast the 6 s session timeout, so that sessions expire.
                            case RESTART_ZOOKEEPER ->
                                random.nextBoolean() ? 3_000 + random.nextInt(2_000) : 7_000 + random.nextInt(3_000);
                            case PAUSE_ZOOKEEPER -> 3_000 + random.nextInt(6_000);
                            case RESTART_DATABASE -> 2_000 + random.nextInt(3_000);
                            // Below the 4 s lease, or between the lease and the 6 s session.
                            case BRIEF_PAUSE_PAYMENT_LEADER ->
                                random.nextBoolean() ? 500 + random.nextInt(2_500) : 4_200 + random.nextInt(1_600);
                            case ISOLATE_PAYMENT_LEADER_FROM_ZOOKEEPER -> 9_000 + random.nextInt(4_000);
                            // In turn: awake after the session expired but before the successor's first write
                            // (its run waits the same settlement delay), then after the successor has written.
                            case PAUSE_PAYMENT_LEADER_IN_SETTLEMENT ->
                                inSettlement++ % 2 == 0
                                        ? IN_SETTLEMENT_BEFORE_SUCCESSOR
                                        : IN_SETTLEMENT_AFTER_SUCCESSOR;
                            case ISOLATE_PAYMENT_LEADER_FROM_DATABASE -> 4_000 + random.nextInt(4_000);
                            case SLOW_DATABASE_LINK, CUT_ORDER_INSTANCE_FROM_ZOOKEEPER_ANSWERS ->
                                8_000 + random.nextInt(4_000);
                            default -> 1_000 + random.nextInt(2_000);
                        };
                faults.add(new ScheduledFault(at, kind, random.nextInt(instancesPerService), hold));
                at += hold + recovery(kind) + 5_000 + random.nextInt(5_000);
            }
        }
        return new FaultSchedule(faults);
    }

    /** A restarted service instance needs this long (on two shared cores) before it is ready again. */
    private static long recovery(FaultKind kind) {
        return switch (kind) {
            case KILL_PAYMENT_LEADER,
                    KILL_ORDER_INSTANCE,
                    GRACEFUL_RESTART_PAYMENT_LEADER,
                    GRACEFUL_RESTART_ORDER_INSTANCE -> 20_000;
            default -> 0;
        };
    }

    /** No faults at all: the baseline. */
    public static FaultSchedule none() {
        return new FaultSchedule(List.of());
    }

    public List<ScheduledFault> faults() {
        return faults;
    }
}
