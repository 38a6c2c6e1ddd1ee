package dev.steadfast.benchmarks.checkpoint;

import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.CheckpointedState;
import dev.steadfast.checkpoint.internal.CheckpointRegistration;
import dev.steadfast.checkpoint.internal.DefaultCheckpointManager;
import dev.steadfast.checkpoint.internal.FilesystemCheckpointStore;
import dev.steadfast.checkpoint.internal.ZookeeperCheckpointStore;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures checkpoint save and restore (JSON, envelope, CRC32C, fenced commit, retention) against a real ZooKeeper
 * server started in this JVM and the local filesystem, for states of 1, 64 and 512 KB. The baseline, measured in
 * the same run and interleaved with the checkpoint operations, writes the same JSON bytes with a raw Curator
 * {@code setData} or a raw file write plus fsync, and reads them back with {@code getData} or a file read.
 *
 * <p>Usage: {@code benchmarks/bench.sh checkpoint [iterations-scale]}; the optional scale multiplies the number of
 * measured operations (default 1).
 */
public final class CheckpointBenchmark {

    private static final int[] SIZES_KB = {1, 64, 512};

    private CheckpointBenchmark() {}

    public static void main(String[] args) throws Exception {
        // The embedded server logs at INFO until after it stops; keep the summary line the last line of output.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Path work = Files.createTempDirectory("steadfast-checkpoint-bench");
        List<Result> results = new ArrayList<>();
        try (TestingServer server =
                        new TestingServer(-1, work.resolve("zookeeper").toFile(), true);
                CuratorFramework client =
                        CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100))) {
            client.start();
            client.blockUntilConnected();
            for (int sizeKb : SIZES_KB) {
                int iterations = (int) Math.max(10, scale * (sizeKb >= 512 ? 60 : sizeKb >= 64 ? 150 : 300));
                ZookeeperCheckpointStore zookeeper =
                        new ZookeeperCheckpointStore(client, "/bench/checkpoints", 3, 1000 * 1024, null);
                results.add(measure("zookeeper", zookeeper, sizeKb, iterations, new RawZookeeper(client, sizeKb)));
                Path dir = work.resolve("files-" + sizeKb);
                FilesystemCheckpointStore files = new FilesystemCheckpointStore(dir, 3);
                results.add(measure("filesystem", files, sizeKb, iterations, new RawFile(dir.resolve("raw.bin"))));
            }
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
        print(results);
    }

    private static Result measure(String store, CheckpointStore checkpoints, int sizeKb, int iterations, Raw raw)
            throws Exception {
        String name = store + "-" + sizeKb + "kb";
        Blob state = new Blob("x".repeat(sizeKb * 1024 - 12));
        JsonMapper mapper = new JsonMapper();
        byte[] rawBytes = mapper.writeValueAsBytes(state.snapshot());
        DefaultCheckpointManager manager = new DefaultCheckpointManager(
                checkpoints,
                mapper,
                () -> List.of(new CheckpointRegistration(
                        name, "blob", "", Duration.ofHours(1), 1, state, mapper.constructType(Blob.State.class))),
                List.of(),
                null,
                "bench",
                Clock.systemUTC());
        manager.afterSingletonsInstantiated();
        int warmup = Math.max(10, iterations / 3);
        long[] save = new long[iterations];
        long[] restore = new long[iterations];
        long[] rawWrite = new long[iterations];
        long[] rawRead = new long[iterations];
        for (int i = -warmup; i < iterations; i++) {
            // Interleaved, so that both sides see the same noise of a shared machine.
            long t0 = System.nanoTime();
            manager.save(name);
            long t1 = System.nanoTime();
            raw.write(rawBytes);
            long t2 = System.nanoTime();
            manager.readLatest(name, Blob.State.class).orElseThrow();
            long t3 = System.nanoTime();
            raw.read();
            long t4 = System.nanoTime();
            if (i >= 0) {
                save[i] = t1 - t0;
                rawWrite[i] = t2 - t1;
                restore[i] = t3 - t2;
                rawRead[i] = t4 - t3;
            }
        }
        return new Result(
                store, sizeKb, iterations, p(save, 50), p(save, 99), p(restore, 50), p(rawWrite, 50), p(rawRead, 50));
    }

    private static double p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println("| store | size | ops | save p50 ms | save p99 ms | restore p50 ms | raw write p50 ms "
                + "| raw read p50 ms | save / raw write |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "| %s | %d KB | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.2fx |",
                    r.store,
                    r.sizeKb,
                    r.iterations,
                    r.saveP50,
                    r.saveP99,
                    r.restoreP50,
                    r.rawP50,
                    r.rawReadP50,
                    r.saveP50 / r.rawP50));
        }
        Result line = results.stream()
                .filter(r -> r.store.equals("zookeeper") && r.sizeKb == 64)
                .findFirst()
                .orElseThrow();
        System.out.println();
        System.out.println(String.format(
                Locale.ROOT,
                "CHECKPOINT store=zookeeper size_kb=64 save_p50_ms=%.3f restore_p50_ms=%.3f raw_p50_ms=%.3f "
                        + "save_over_raw=%.2f",
                line.saveP50,
                line.restoreP50,
                line.rawP50,
                line.saveP50 / line.rawP50));
    }

    private record Result(
            String store,
            int sizeKb,
            int iterations,
            double saveP50,
            double saveP99,
            double restoreP50,
            double rawP50,
            double rawReadP50) {}

    /** The baseline: the same bytes without envelope, checksum, fencing or retention. */
    private interface Raw {
        void write(byte[] bytes) throws Exception;

        byte[] read() throws Exception;
    }

    private record RawZookeeper(CuratorFramework client, String path) implements Raw {

        RawZookeeper(CuratorFramework client, int sizeKb) throws Exception {
            this(client, "/bench/raw-" + sizeKb);
            client.create().creatingParentsIfNeeded().forPath(path);
        }

        @Override
        public void write(byte[] bytes) throws Exception {
            client.setData().forPath(path, bytes);
        }

        @Override
        public byte[] read() throws Exception {
            return client.getData().forPath(path);
        }
    }

    private record RawFile(Path file) implements Raw {

        @Override
        public void write(byte[] bytes) throws Exception {
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        }

        @Override
        public byte[] read() throws Exception {
            return Files.readAllBytes(file);
        }
    }

    /** A checkpointed bean whose state is one string of a chosen size. */
    private static final class Blob implements CheckpointedState<Object> {

        record State(String data) {}

        private final State state;

        Blob(String data) {
            this.state = new State(data);
        }

        @Override
        public Object snapshot() {
            return state;
        }

        @Override
        public void restore(Object restored) {
            // The benchmark measures reads through readLatest; nothing to apply.
        }
    }
}
