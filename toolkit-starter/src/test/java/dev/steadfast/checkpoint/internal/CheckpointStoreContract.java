package dev.steadfast.checkpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.steadfast.checkpoint.CheckpointFencedException;
import dev.steadfast.checkpoint.CheckpointHead;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.Checkpointed;
import dev.steadfast.checkpoint.CheckpointedState;
import dev.steadfast.checkpoint.UnreadableCheckpointException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract every {@link CheckpointStore} passes. Subclasses create the store against a real backend and know
 * how to corrupt a stored checkpoint in place; every test uses its own checkpoint name.
 */
abstract class CheckpointStoreContract {

    static final int RETAIN = 3;

    /** The store under test, keeping {@link #RETAIN} checkpoints. */
    abstract CheckpointStore store();

    /** Flips bytes of a stored checkpoint behind the store's back, as a disk or an operator might. */
    abstract void corrupt(String name, long sequence) throws Exception;

    String name(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName() + "-" + Long.toHexString(System.nanoTime());
    }

    static byte[] envelope(String name, long sequence, long token, String text) {
        return Envelope.encode(
                name,
                1,
                sequence,
                token,
                "writer-" + token,
                Instant.now(),
                ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsAnEnvelopeByteForByte(TestInfo test) {
        String name = name(test);
        byte[] envelope = envelope(name, 1, 5, "hello");

        store().commit(name, 1, 5, envelope);

        assertThat(store().sequences(name)).containsExactly(1L);
        assertThat(store().read(name, 1))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(envelope));
        assertThat(store().head(name)).isEqualTo(new CheckpointHead(1, 5));
    }

    @Test
    void reportsAnEmptyHeadForAnUnknownName(TestInfo test) {
        String name = name(test);

        assertThat(store().head(name)).isEqualTo(CheckpointHead.EMPTY);
        assertThat(store().sequences(name)).isEmpty();
        assertThat(store().read(name, 1)).isEmpty();
    }

    @Test
    void refusesAWriterWithALowerTokenThanTheLastCommit(TestInfo test) {
        String name = name(test);
        store().commit(name, 1, 7, envelope(name, 1, 7, "new leader"));

        assertThatExceptionOfType(CheckpointFencedException.class)
                .isThrownBy(() -> store().commit(name, 2, 6, envelope(name, 2, 6, "ex-leader")))
                .satisfies(ex -> assertThat(ex.head()).isEqualTo(new CheckpointHead(1, 7)));
        assertThat(store().sequences(name)).containsExactly(1L);
        assertThat(store().read(name, 2)).isEmpty();
    }

    @Test
    void refusesASequenceThatIsNotHigherThanTheLastCommit(TestInfo test) {
        String name = name(test);
        store().commit(name, 4, 1, envelope(name, 4, 1, "a"));

        assertThatExceptionOfType(CheckpointFencedException.class)
                .isThrownBy(() -> store().commit(name, 4, 1, envelope(name, 4, 1, "b")));
        assertThatExceptionOfType(CheckpointFencedException.class)
                .isThrownBy(() -> store().commit(name, 3, 2, envelope(name, 3, 2, "c")));
        assertThat(store().read(name, 4))
                .hasValueSatisfying(bytes -> assertThat(Envelope.decode(bytes).payload())
                        .asString(StandardCharsets.UTF_8)
                        .isEqualTo("\"a\""));
    }

    @Test
    void committingTheSameCheckpointAgainSucceeds(TestInfo test) {
        // A commit applied by the backend whose reply was lost is retried as is: it must not look fenced.
        String name = name(test);
        byte[] envelope = envelope(name, 1, 5, "once");
        store().commit(name, 1, 5, envelope);

        store().commit(name, 1, 5, envelope.clone());

        assertThat(store().head(name)).isEqualTo(new CheckpointHead(1, 5));
        assertThat(store().sequences(name)).containsExactly(1L);
        assertThat(store().read(name, 1))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(envelope));
    }

    @Test
    void aDifferentCheckpointUnderACommittedSequenceAndTokenIsStillRefused(TestInfo test) {
        String name = name(test);
        store().commit(name, 1, 5, envelope(name, 1, 5, "first"));

        assertThatExceptionOfType(CheckpointFencedException.class)
                .isThrownBy(() -> store().commit(name, 1, 5, envelope(name, 1, 5, "second")));
    }

    @Test
    void fenceRefusesEarlierTermsBeforeTheNewTermWritesAnything(TestInfo test) {
        String name = name(test);
        store().commit(name, 1, 3, envelope(name, 1, 3, "old term"));

        store().fence(name, 9);

        assertThat(store().head(name)).isEqualTo(new CheckpointHead(1, 9));
        assertThatExceptionOfType(CheckpointFencedException.class)
                .isThrownBy(() -> store().commit(name, 2, 3, envelope(name, 2, 3, "late write")));
        store().commit(name, 2, 9, envelope(name, 2, 9, "new term"));
        assertThat(store().sequences(name)).containsExactly(2L, 1L);
    }

    @Test
    void fenceNeverLowersTheToken(TestInfo test) {
        String name = name(test);
        store().fence(name, 9);
        store().fence(name, 4);

        assertThat(store().head(name).token()).isEqualTo(9);
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfCheckpoints(TestInfo test) {
        String name = name(test);
        for (long sequence = 1; sequence <= 5; sequence++) {
            store().commit(name, sequence, 1, envelope(name, sequence, 1, "s" + sequence));
        }

        assertThat(store().sequences(name)).containsExactly(5L, 4L, 3L);
        assertThat(store().read(name, 2)).isEmpty();
    }

    @Test
    void quarantinedCheckpointsAreNeverListedAgainButKeepTheHead(TestInfo test) {
        String name = name(test);
        store().commit(name, 1, 1, envelope(name, 1, 1, "good"));
        store().commit(name, 2, 1, envelope(name, 2, 1, "bad"));

        store().quarantine(name, 2);

        assertThat(store().sequences(name)).containsExactly(1L);
        assertThat(store().read(name, 2)).isEmpty();
        assertThat(store().head(name)).isEqualTo(new CheckpointHead(2, 1));
    }

    @Test
    void letsExactlyOneOfTwoRacingWritersCommitTheSameSequence(TestInfo test) throws Exception {
        String name = name(test);
        store().commit(name, 1, 1, envelope(name, 1, 1, "base"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger refused = new AtomicInteger();
            Callable<Void> writer = () -> {
                start.await();
                try {
                    store().commit(
                                    name,
                                    2,
                                    1,
                                    envelope(name, 2, 1, Thread.currentThread().getName()));
                } catch (CheckpointFencedException ex) {
                    refused.incrementAndGet();
                }
                return null;
            };
            List<Future<Void>> results = List.of(pool.submit(writer), pool.submit(writer));
            start.countDown();
            for (Future<Void> result : results) {
                result.get();
            }
            assertThat(refused).hasValue(1);
            assertThat(store().sequences(name)).containsExactly(2L, 1L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restoreFallsBackToThePreviousCheckpointWhenTheNewestIsCorrupt(TestInfo test) throws Exception {
        String name = name(test);
        Counter counter = new Counter();
        DefaultCheckpointManager manager = manager(name, counter);
        manager.afterSingletonsInstantiated();
        counter.value = 41;
        manager.save(name);
        counter.value = 42;
        manager.save(name);

        corrupt(name, 2);
        Counter restarted = new Counter();
        DefaultCheckpointManager next = manager(name, restarted);
        next.afterSingletonsInstantiated();

        assertThat(restarted.value).isEqualTo(41);
        assertThat(store().sequences(name)).containsExactly(1L);
        assertThat(next.status(name).quarantined()).isEqualTo(1);
        assertThat(next.save(name).sequence()).isEqualTo(3);
    }

    @Test
    void aPayloadThisInstanceCannotMapFailsTheRestoreWithoutFallingBackAndIsNeverQuarantined(TestInfo test) {
        // Another version of the application wrote #2 (a rolling deploy): intact, readable there, not here.
        String name = name(test);
        store().commit(name, 1, 0, integerEnvelope(name, 1, 0, 7));
        store().commit(name, 2, 0, envelope(name, 2, 0, "written by another version"));
        Counter counter = new Counter();
        DefaultCheckpointManager manager = manager(name, counter);

        assertThatExceptionOfType(UnreadableCheckpointException.class)
                .isThrownBy(manager::afterSingletonsInstantiated)
                .withMessageContaining("#2")
                .withMessageContaining("Not falling back to an older checkpoint");

        assertThat(counter.value).as("not rolled back to #1").isZero();
        assertThat(store().sequences(name)).containsExactly(2L, 1L);
        assertThat(manager.status(name).quarantined()).isZero();
        assertThat(manager.latest(name)).as("a reader skips it").hasValueSatisfying(m -> assertThat(m.sequence())
                .isEqualTo(1));
    }

    @Test
    void anEnvelopeOfANewerFormatFailsTheRestoreWithoutFallingBackAndIsNeverQuarantined(TestInfo test) {
        String name = name(test);
        store().commit(name, 1, 0, integerEnvelope(name, 1, 0, 7));
        byte[] newer = integerEnvelope(name, 2, 0, 42);
        // The format version follows the 4-byte magic.
        newer[4] = 0;
        newer[5] = (byte) (Envelope.FORMAT_VERSION + 1);
        store().commit(name, 2, 0, newer);
        Counter counter = new Counter();
        DefaultCheckpointManager manager = manager(name, counter);

        assertThatExceptionOfType(UnreadableCheckpointException.class)
                .isThrownBy(manager::afterSingletonsInstantiated)
                .withMessageContaining("#2")
                .withMessageContaining("envelope format version");

        assertThat(counter.value).as("not rolled back to #1").isZero();
        assertThat(store().sequences(name)).containsExactly(2L, 1L);
        assertThat(manager.status(name).quarantined()).isZero();
    }

    static byte[] integerEnvelope(String name, long sequence, long token, int value) {
        return Envelope.encode(
                name,
                1,
                sequence,
                token,
                "writer-" + token,
                Instant.now(),
                Integer.toString(value).getBytes(StandardCharsets.UTF_8));
    }

    DefaultCheckpointManager manager(String name, Counter counter) {
        JsonMapper mapper = new JsonMapper();
        CheckpointRegistration registration = new CheckpointRegistration(
                name, "counter", "", Duration.ofHours(1), 1, counter.erased(), mapper.constructType(Integer.class));
        return new DefaultCheckpointManager(
                store(), mapper, () -> List.of(registration), List.of(), null, "test", Clock.systemUTC());
    }

    /** A tiny checkpointed bean. */
    @Checkpointed(name = "counter")
    static final class Counter implements CheckpointedState<Integer> {

        volatile int value;

        @Override
        public Integer snapshot() {
            return value;
        }

        @Override
        public void restore(Integer state) {
            value = state;
        }

        @SuppressWarnings("unchecked")
        CheckpointedState<Object> erased() {
            return (CheckpointedState<Object>) (CheckpointedState<?>) this;
        }
    }
}
