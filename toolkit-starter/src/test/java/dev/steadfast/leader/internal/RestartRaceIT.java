package dev.steadfast.leader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stop and a start while a grant is still opening its term on the old event thread: that thread must never join
 * the election a second time under the same participant id, or the stray latch node, first in line, leads without a
 * term and nobody else can lead while the session lives.
 */
class RestartRaceIT {

    private static final String PATH = "/steadfast/leader/jobs";

    private TestingServer server;
    private CuratorFramework clientA;
    private CuratorFramework clientB;
    private CuratorLeaderElection a;
    private CuratorLeaderElection b;
    private final StallingClock clock = new StallingClock();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
        clientA = CuratorFrameworkFactory.newClient(server.getConnectString(), 3000, 1000, new RetryOneTime(100));
        clientB = CuratorFrameworkFactory.newClient(server.getConnectString(), 3000, 1000, new RetryOneTime(100));
        clientA.start();
        clientB.start();
        a = new CuratorLeaderElection("jobs", "a", PATH, clientA, null, new EventDispatcher("a", e -> {}));
        b = new CuratorLeaderElection("jobs", "b", PATH, clientB, null, new EventDispatcher("b", e -> {}), clock);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        b.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.participants().size() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        clock.release();
        a.stop();
        b.stop();
        clientA.close();
        clientB.close();
        server.close();
    }

    @Test
    void stopAndStartWhileATermIsOpeningLeaveOneLatchAndALeader() throws Exception {
        clock.holdNextGrant();
        a.stop();
        // B's latch leads; its grant is held on B's event thread just before the term's write, as if that write
        // hung (a thread stuck there is not freed by the interrupt of stop()).
        assertThat(clock.grantHeld.await(10, TimeUnit.SECONDS)).isTrue();

        b.stop();
        // Released while start() runs (after it marked the election running, before it joins): the old thread's write
        // fails on the node that stop() deleted, and it decides whether to rejoin right then.
        clock.releaseGrantDuringNextStart();
        b.start();

        await().atMost(Duration.ofSeconds(15)).until(b::isLeader);
        assertThat(nodesOf("b")).as("latch nodes of participant b").hasSize(1);
    }

    private List<String> nodesOf(String participant) throws Exception {
        return clientA.getChildren().forPath(PATH).stream()
                .filter(child -> participant.equals(data(child)))
                .toList();
    }

    private String data(String child) {
        try {
            return new String(clientA.getData().forPath(PATH + "/" + child), StandardCharsets.UTF_8);
        } catch (Exception ex) {
            return null;
        }
    }

    /**
     * The election's monotonic clock, able to hold the event thread where a grant reads it (just before the term's
     * write) and to let it go while {@code start()} reads it (after the election is running again, before it joins).
     */
    private static final class StallingClock implements LongSupplier {

        final CountDownLatch grantHeld = new CountDownLatch(1);
        private final CountDownLatch grantReleased = new CountDownLatch(1);
        private volatile boolean holdGrant;
        private volatile boolean releaseInStart;
        private volatile Thread heldThread;

        void holdNextGrant() {
            holdGrant = true;
        }

        void releaseGrantDuringNextStart() {
            releaseInStart = true;
        }

        void release() {
            grantReleased.countDown();
        }

        @Override
        public long getAsLong() {
            if (holdGrant && calledFrom("granted")) {
                holdGrant = false;
                heldThread = Thread.currentThread();
                grantHeld.countDown();
                awaitUninterruptibly();
            } else if (releaseInStart && calledFrom("start")) {
                releaseInStart = false;
                grantReleased.countDown();
                try {
                    // The old event thread ends once its grant is done: its executor was shut down by stop().
                    heldThread.join(10_000);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return System.nanoTime();
        }

        private void awaitUninterruptibly() {
            boolean interrupted = false;
            while (true) {
                try {
                    grantReleased.await();
                    break;
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
            // The interrupt from stop() came while held; the write after this is what a hung write would have done.
            if (interrupted) {
                Thread.interrupted();
            }
        }

        private static boolean calledFrom(String method) {
            return Arrays.stream(new Throwable().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals(CuratorLeaderElection.class.getName())
                            && frame.getMethodName().equals(method));
        }
    }
}
