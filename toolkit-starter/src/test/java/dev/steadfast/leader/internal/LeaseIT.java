package dev.steadfast.leader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steadfast.leader.FencingToken;
import dev.steadfast.leader.LeadershipEvent;
import dev.steadfast.leader.LeadershipGranted;
import dev.steadfast.leader.LeadershipRevoked;
import dev.steadfast.leader.NotLeaderException;
import dev.steadfast.leader.RevocationReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease on the monotonic clock, played with a clock that jumps as it does for a JVM waking up from a pause. */
class LeaseIT {

    private final AtomicLong pausedNanos = new AtomicLong();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private TestingServer server;
    private CuratorFramework client;
    private CuratorLeaderElection election;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), 3000, 1000, new RetryOneTime(100));
        client.start();
        election = new CuratorLeaderElection(
                "jobs",
                "jobs-1",
                "/steadfast/leader/jobs",
                client,
                null,
                new EventDispatcher("jobs", events::add),
                () -> System.nanoTime() + pausedNanos.get());
        election.start();
    }

    @AfterEach
    void stop() throws Exception {
        election.stop();
        client.close();
        server.close();
    }

    @Test
    void wakingUpAfterALongerPauseThanTheLeaseRefusesAtOnceAndOpensANewTerm() {
        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
        FencingToken before = election.currentToken().orElseThrow();

        pausedNanos.set(Duration.ofSeconds(10).toNanos());

        assertThat(election.isLeader()).isFalse();
        assertThatThrownBy(() -> election.assertLeader(before)).isInstanceOf(NotLeaderException.class);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events)
                .filteredOn(LeadershipRevoked.class::isInstance)
                .extracting(event -> ((LeadershipRevoked) event).reason())
                .containsExactly(RevocationReason.LEASE_EXPIRED));
        // ZooKeeper still answers and the latch still leads: a new term with a larger token, the old one refused.
        await().atMost(Duration.ofSeconds(5)).until(election::isLeader);
        FencingToken after = election.currentToken().orElseThrow();
        assertThat(after.isNewerThan(before)).isTrue();
        assertThatThrownBy(() -> election.assertLeader(before)).isInstanceOf(NotLeaderException.class);
        assertThat(events)
                .filteredOn(LeadershipEvent.class::isInstance)
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly(
                        LeadershipGranted.class.getSimpleName(),
                        LeadershipRevoked.class.getSimpleName(),
                        LeadershipGranted.class.getSimpleName());
    }

    @Test
    void theTestOnlyHookKeepsALeaderActingAfterItsLeaseHasLapsed() {
        AtomicLong lapsedNanos = new AtomicLong();
        List<Object> zombieEvents = new CopyOnWriteArrayList<>();
        CuratorLeaderElection zombie = new CuratorLeaderElection(
                "zombie",
                "zombie-1",
                "/steadfast/leader/zombie",
                client,
                null,
                new EventDispatcher("zombie", zombieEvents::add),
                () -> System.nanoTime() + lapsedNanos.get());
        zombie.actOnLapsedLease(true);
        zombie.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(zombie::isLeader);
            FencingToken token = zombie.currentToken().orElseThrow();

            lapsedNanos.set(Duration.ofSeconds(10).toNanos());

            // Without the hook each of these refuses at once (see the test above).
            assertThat(zombie.isLeader()).isTrue();
            assertThat(zombie.currentToken()).contains(token);
            assertThatCode(() -> zombie.assertLeader(token)).doesNotThrowAnyException();
            // The lease thread (every half second) finds the lapsed lease and, with the hook, leaves the term open.
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> zombieEvents.stream().noneMatch(LeadershipRevoked.class::isInstance));
            assertThat(zombie.currentToken()).contains(token);
        } finally {
            zombie.stop();
        }
    }

    @Test
    void leaseIsTwoThirdsOfTheNegotiatedSessionTimeout() {
        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);

        assertThat(election.leaseDuration()).isEqualTo(Duration.ofMillis(2000));
    }
}
