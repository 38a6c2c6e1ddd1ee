package dev.steadfast.leader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.leader.LeadershipEvent;
import dev.steadfast.leader.LeadershipGranted;
import dev.steadfast.leader.LeadershipListener;
import dev.steadfast.leader.LeadershipRevoked;
import dev.steadfast.testsupport.zookeeper.TcpProxy;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A term opens with a write to the leader's latch node; everything that happens while that write is on its way
 * (a stop, a lost connection) must be checked before the term is published, never after.
 */
class GrantRaceIT {

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch dispatcherHeld = new CountDownLatch(1);
    private final CountDownLatch releaseDispatcher = new CountDownLatch(1);
    private TestingServer server;
    private TcpProxy proxy;
    private CuratorFramework clientA;
    private CuratorFramework clientB;
    private CuratorLeaderElection a;
    private CuratorLeaderElection b;
    private EventDispatcher dispatcherB;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
        proxy = TcpProxy.start(new InetSocketAddress("127.0.0.1", server.getPort()));
        clientA = CuratorFrameworkFactory.newClient(server.getConnectString(), 3000, 1000, new RetryOneTime(100));
        clientB = CuratorFrameworkFactory.newClient("127.0.0.1:" + proxy.port(), 3000, 1000, new RetryOneTime(100));
        clientA.start();
        clientB.start();
        a = new CuratorLeaderElection(
                "jobs", "a", "/steadfast/leader/jobs", clientA, null, new EventDispatcher("a", e -> {}));
        dispatcherB = new EventDispatcher("b", events::add);
        b = new CuratorLeaderElection("jobs", "b", "/steadfast/leader/jobs", clientB, null, dispatcherB);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        b.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.participants().size() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        releaseDispatcher.countDown();
        proxy.unblock();
        a.stop();
        b.stop();
        clientA.close();
        clientB.close();
        proxy.close();
        server.close();
    }

    @Test
    void grantWhoseWriteOutlivesStopIsNeverDelivered() throws Exception {
        // Hold B's event thread so that its latch's "you lead" waits in the queue until the link is cut.
        dispatcherB.execute(() -> {
            dispatcherHeld.countDown();
            awaitQuietly(releaseDispatcher);
        });
        dispatcherHeld.await();
        // A listener that is slow with a grant, as one restoring a checkpoint is.
        CountDownLatch stopped = new CountDownLatch(1);
        b.addListener(new LeadershipListener() {
            @Override
            public void granted(LeadershipGranted event) {
                awaitQuietly(stopped);
            }

            @Override
            public void revoked(LeadershipRevoked event) {}
        });
        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> latchOf(b).hasLeadership());
        proxy.block();
        releaseDispatcher.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> isOpeningTerm("steadfast-leader-b"));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(b::stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> !b.isRunning());
        proxy.unblock();
        stopping.get();
        stopped.countDown();

        assertThat(b.isLeader()).isFalse();
        List<String> seen =
                events.stream().map(e -> e.getClass().getSimpleName()).toList();
        if (!seen.isEmpty()) {
            assertThat(seen).as("events after stop").endsWith(LeadershipRevoked.class.getSimpleName());
        }
    }

    @Test
    void termWhoseWriteWasRetriedOnANewConnectionIsNotPublished() throws Exception {
        dispatcherB.execute(() -> {
            dispatcherHeld.countDown();
            awaitQuietly(releaseDispatcher);
        });
        dispatcherHeld.await();
        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> latchOf(b).hasLeadership());
        proxy.block();
        releaseDispatcher.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> isOpeningTerm("steadfast-leader-b"));
        // The client gives the connection up while the write waits; Curator retries it on the next connection.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !clientB.getZookeeperClient().isConnected());
        proxy.unblock();

        await().atMost(Duration.ofSeconds(15)).until(b::isLeader);
        assertThat(events)
                .filteredOn(LeadershipEvent.class::isInstance)
                .as("only the term opened on the current connection")
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly(LeadershipGranted.class.getSimpleName());
    }

    private static boolean isOpeningTerm(String threadName) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().equals(threadName))
                .flatMap(entry -> Arrays.stream(entry.getValue()))
                .anyMatch(frame -> frame.getMethodName().equals("granted")
                        && frame.getClassName().equals(CuratorLeaderElection.class.getName()));
    }

    private static LeaderLatch latchOf(CuratorLeaderElection election) throws ReflectiveOperationException {
        Field field = CuratorLeaderElection.class.getDeclaredField("latch");
        field.setAccessible(true);
        LeaderLatch latch = (LeaderLatch) field.get(election);
        return latch != null ? latch : new LeaderLatch(null, "/none");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
