package dev.steadfast.checkpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.steadfast.checkpoint.CheckpointFencedException;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.CheckpointTooLargeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

class ZookeeperCheckpointStoreIT extends CheckpointStoreContract {

    private static final int MAX_BYTES = 64 * 1024;

    private static TestingServer server;

    private static CuratorFramework client;

    @TempDir
    Path blobs;

    @BeforeAll
    static void startZookeeper() throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        client.blockUntilConnected();
    }

    @AfterAll
    static void stopZookeeper() throws Exception {
        client.close();
        server.close();
    }

    @Override
    CheckpointStore store() {
        return new ZookeeperCheckpointStore(client, "/steadfast/checkpoints", RETAIN, MAX_BYTES, null);
    }

    @Override
    void corrupt(String name, long sequence) throws Exception {
        String path = "/steadfast/checkpoints/" + name + "/slot-" + sequence % RETAIN;
        byte[] data = client.getData().forPath(path);
        data[data.length / 2] ^= (byte) 0xFF;
        client.setData().forPath(path, data);
    }

    @Test
    void quarantineKeepsTheCorruptBytesForInspection(TestInfo test) throws Exception {
        String name = name(test);
        byte[] envelope = envelope(name, 1, 1, "kept");
        store().commit(name, 1, 1, envelope);

        store().quarantine(name, 1);

        assertThat(client.getData()
                        .forPath("/steadfast/checkpoints/" + name + String.format("/quarantine/cp-%019d", 1)))
                .isEqualTo(envelope);
    }

    @Test
    void refusesAnOversizedStateNamingTheAlternatives(TestInfo test) {
        String name = name(test);
        byte[] large = envelope(name, 1, 1, "x".repeat(MAX_BYTES));

        assertThatExceptionOfType(CheckpointTooLargeException.class)
                .isThrownBy(() -> store().commit(name, 1, 1, large))
                .withMessageContaining("over the ZooKeeper limit of " + MAX_BYTES + " bytes")
                .withMessageContaining("steadfast.checkpoint.zookeeper.blob-directory")
                .withMessageContaining("steadfast.checkpoint.store=filesystem or jdbc");
        assertThat(store().sequences(name)).isEmpty();
    }

    @Test
    void keepsAnOversizedStateInTheBlobDirectoryBehindTheZookeeperPointer(TestInfo test) throws Exception {
        String name = name(test);
        CheckpointStore store =
                new ZookeeperCheckpointStore(client, "/steadfast/checkpoints", RETAIN, MAX_BYTES, blobs);
        byte[] large = envelope(name, 1, 1, "x".repeat(4 * MAX_BYTES));

        store.commit(name, 1, 1, large);

        assertThat(store.read(name, 1))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(large));
        assertThat(client.getData().forPath("/steadfast/checkpoints/" + name + "/slot-1"))
                .hasSizeLessThan(300);
        assertThat(blobs.resolve(name)).isDirectoryContaining("glob:**.blob");
    }

    @Test
    void aFencedWriterLeavesNoBlobFileBehind(TestInfo test) throws Exception {
        String name = name(test);
        CheckpointStore store =
                new ZookeeperCheckpointStore(client, "/steadfast/checkpoints", RETAIN, MAX_BYTES, blobs);
        store.commit(name, 1, 5, envelope(name, 1, 5, "newer term"));

        assertThatExceptionOfType(CheckpointFencedException.class)
                .isThrownBy(() -> store.commit(name, 2, 3, envelope(name, 2, 3, "x".repeat(4 * MAX_BYTES))));

        assertThat(blobFiles(name)).isEmpty();
    }

    @Test
    void quarantiningACheckpointKeptAsABlobDeletesItsFile(TestInfo test) throws Exception {
        String name = name(test);
        CheckpointStore store =
                new ZookeeperCheckpointStore(client, "/steadfast/checkpoints", RETAIN, MAX_BYTES, blobs);
        store.commit(name, 1, 1, envelope(name, 1, 1, "x".repeat(4 * MAX_BYTES)));
        assertThat(blobFiles(name)).hasSize(1);

        store.quarantine(name, 1);

        assertThat(store.sequences(name)).isEmpty();
        assertThat(blobFiles(name)).isEmpty();
    }

    private List<Path> blobFiles(String name) throws Exception {
        Path dir = blobs.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".blob")).toList();
        }
    }
}
