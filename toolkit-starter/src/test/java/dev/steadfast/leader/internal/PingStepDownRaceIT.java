package dev.steadfast.leader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The ping's step-down and the lease thread race for the same term: the ping decides to step down from term T1 on
 * ZooKeeper's event thread while the lease thread ends T1 and queues a new grant; the grant opens T2 on the event
 * thread before the ping's rejoin runs there. That rejoin must not leave the latch under the live T2 (which would then
 * end without a revocation). The interleaving is forced: the ping is held where it logs its decision, the lease runs
 * out by a jump of the election's monotonic clock, and the election's event thread is held until both are queued.
 */
class PingStepDownRaceIT {

    private static final String PATH = "/steadfast/leader/jobs";

    private final AtomicLong offset = new AtomicLong();
    private final AtomicInteger leaseReads = new AtomicInteger();
    private final StepDownGate gate = new StepDownGate();
    private final CountDownLatch releaseDispatcher = new CountDownLatch(1);
    private TestingServer server;
    private CuratorFramework client;
    private CuratorFramework other;
    private EventDispatcher dispatcher;
    private CuratorLeaderElection election;
    private Logger logger;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), 3000, 1000, new RetryOneTime(100));
        other = CuratorFrameworkFactory.newClient(server.getConnectString(), 3000, 1000, new RetryOneTime(100));
        client.start();
        other.start();
        // Our node must not get sequence 0, the impostor's below: sequence numbers of a fresh parent start at 0.
        String warmUp = other.create()
                .creatingParentsIfNeeded()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(PATH + "/warm-up-latch-");
        other.delete().forPath(warmUp);
        dispatcher = new EventDispatcher("b", e -> {});
        election = new CuratorLeaderElection("jobs", "b", PATH, client, null, dispatcher, () -> {
            if (Thread.currentThread().getName().startsWith("steadfast-lease-")) {
                leaseReads.incrementAndGet();
            }
            return System.nanoTime() + offset.get();
        });
        logger = (Logger) LoggerFactory.getLogger(CuratorLeaderElection.class);
        gate.setContext(logger.getLoggerContext());
        gate.start();
        logger.addAppender(gate);
        election.start();
        await().atMost(Duration.ofSeconds(10)).until(election::isLeader);
    }

    @AfterEach
    void stop() throws Exception {
        gate.open();
        releaseDispatcher.countDown();
        logger.detachAppender(gate);
        election.stop();
        client.close();
        other.close();
        server.close();
    }

    @Test
    void rejoinQueuedByAStepDownNeverLeavesTheLatchUnderATermThatBeganMeanwhile() throws Exception {
        CountDownLatch dispatcherHeld = new CountDownLatch(1);
        dispatcher.execute(() -> {
            dispatcherHeld.countDown();
            awaitQuietly(releaseDispatcher);
        });
        assertThat(dispatcherHeld.await(5, TimeUnit.SECONDS)).isTrue();
        // A node that sorts before ours: ZooKeeper now says someone else leads, while our latch still believes it does.
        other.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(PATH + "/x-latch-0000000000");
        // The ping has decided to step down from T1 and is held before acting on it.
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.held.get() != null);
        Object firstTerm = term();
        assertThat(firstTerm).isNotNull();

        // The lease runs out: the lease thread ends T1 and queues a grant on the held event thread.
        offset.addAndGet(TimeUnit.SECONDS.toNanos(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> term() == null);
        int reads = leaseReads.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> leaseReads.get() > reads);

        // The ping goes on: its rejoin is queued behind the grant.
        Thread ping = gate.held.get();
        gate.releaseOne();
        await().atMost(Duration.ofSeconds(10)).until(() -> !inMethod(ping, "pinged"));
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch probed = new CountDownLatch(1);
        dispatcher.execute(() -> {
            seen.set(consistency());
            probed.countDown();
        });
        releaseDispatcher.countDown();

        assertThat(probed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isEqualTo("consistent");
    }

    /** Whether a live term still sits on the latch whose node opened it. */
    private String consistency() {
        try {
            Object current = term();
            if (current == null) {
                return "consistent";
            }
            Method nodePath = current.getClass().getDeclaredMethod("nodePath");
            nodePath.setAccessible(true);
            Field field = CuratorLeaderElection.class.getDeclaredField("latch");
            field.setAccessible(true);
            LeaderLatch latch = (LeaderLatch) field.get(election);
            String ours = latch != null && latch.getState() == LeaderLatch.State.STARTED ? latch.getOurPath() : null;
            return Objects.equals(ours, nodePath.invoke(current))
                    ? "consistent"
                    : "term " + current + " is live but its latch was left (now " + ours + ")";
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Object term() throws ReflectiveOperationException {
        Field field = CuratorLeaderElection.class.getDeclaredField("term");
        field.setAccessible(true);
        return ((AtomicReference<?>) field.get(election)).get();
    }

    private static boolean inMethod(Thread thread, String method) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(Lease.class.getName())
                        && frame.getMethodName().equals(method));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds every thread that logs a step-down decision until a permit lets it go on. */
    private static final class StepDownGate extends UnsynchronizedAppenderBase<ILoggingEvent> {

        final AtomicReference<Thread> held = new AtomicReference<>();
        private final Semaphore permits = new Semaphore(0);

        void releaseOne() {
            permits.release();
        }

        void open() {
            permits.release(1_000);
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("stepping down")) {
                held.compareAndSet(null, Thread.currentThread());
                permits.acquireUninterruptibly();
            }
        }
    }
}
