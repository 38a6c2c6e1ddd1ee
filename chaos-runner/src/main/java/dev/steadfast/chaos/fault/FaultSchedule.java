package dev.steadfast.chaos.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A reproducible fault schedule: the same seed gives the same faults in the same order with the same timing.
 * Every cycle injects each kind of fault once, severe ones (crashes, zombie leader, ZooKeeper loss) first, each
 * in a seeded order, separated by seeded quiet gaps.
 */
public final class FaultSchedule {

    private final List<ScheduledFault> faults;

    private FaultSchedule(List<ScheduledFault> faults) {
        this.faults = List.copyOf(faults);
    }

    /**
     * Plans faults over {@code duration}.
     *
     * @param pause how long a paused leader stays frozen: longer than the services' ZooKeeper session timeout
     */
    public static FaultSchedule generate(long seed, Duration duration, Duration pause, int instancesPerService) {
        return generate(seed, duration, pause, instancesPerService, false);
    }

    /**
     * Plans faults over {@code duration}, network partitions among the severe faults when {@code partitions}.
     *
     * @param pause how long a paused leader stays frozen, and a partitioned one cut off: longer than the services'
     *     ZooKeeper session timeout
     */
    public static FaultSchedule generate(
            long seed, Duration duration, Duration pause, int instancesPerService, boolean partitions) {
        Random random = new Random(seed);
        List<ScheduledFault> faults = new ArrayList<>();
        long firstAt = 5_000;
        long at = firstAt;
        while (at < duration.toMillis()) {
            List<FaultKind> severe = new ArrayList<>(FaultKind.SEVERE);
            if (partitions) {
                severe.addAll(FaultKind.NETWORK);
            }
            List<FaultKind> mild = new ArrayList<>(FaultKind.MILD);
            Collections.shuffle(severe, random);
            Collections.shuffle(mild, random);
            List<FaultKind> cycle = new ArrayList<>(severe);
            cycle.addAll(mild);
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
                            case RESTART_ZOOKEEPER -> 3_000 + random.nextInt(2_000);
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
