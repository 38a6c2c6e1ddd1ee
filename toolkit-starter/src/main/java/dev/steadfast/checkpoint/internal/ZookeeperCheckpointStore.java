package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointException;
import dev.steadfast.checkpoint.CheckpointFencedException;
import dev.steadfast.checkpoint.CheckpointHead;
import dev.steadfast.checkpoint.CheckpointStore;
import dev.steadfast.checkpoint.CheckpointTooLargeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Keeps checkpoints in ZooKeeper: {@code <base>/<name>} holds the head (sequence and token) and its children
 * {@code cp-<sequence>} the envelopes. A commit is one ZooKeeper transaction that sets the head with its expected
 * version (compare-and-set), creates the new child and deletes the ones beyond retention; the token check happens
 * before it, so any writer that interleaves changes the head's version and makes the transaction fail. States
 * larger than the znode limit go to a blob directory behind the ZooKeeper pointer when one is configured, as
 * Flink does with its high-availability storage.
 */
public final class ZookeeperCheckpointStore implements CheckpointStore {

    private static final byte[] BLOB_MARKER = "STBLOB:".getBytes(StandardCharsets.US_ASCII);

    private static final int ATTEMPTS = 10;

    private final CuratorFramework client;

    private final String basePath;

    private final int retain;

    private final long maxBytes;

    private final Path blobDirectory;

    private final Map<String, View> views = new ConcurrentHashMap<>();

    /**
     * Creates the store.
     *
     * @param blobDirectory where states above {@code maxBytes} go, or {@code null} to refuse them
     */
    public ZookeeperCheckpointStore(
            CuratorFramework client, String basePath, int retain, long maxBytes, Path blobDirectory) {
        this.client = client;
        this.basePath = basePath;
        this.retain = retain;
        this.maxBytes = maxBytes;
        this.blobDirectory = blobDirectory;
    }

    @Override
    public String type() {
        return "zookeeper";
    }

    @Override
    public CheckpointHead head(String name) {
        return call(() -> readHead(name, new Stat()));
    }

    @Override
    public void commit(String name, long sequence, long token, byte[] envelope) {
        String child = String.format("cp-%019d", sequence);
        byte[] data = envelope.length > maxBytes ? toBlob(name, child, token, envelope) : envelope;
        call(() -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                // The cached view costs nothing to be wrong about: the head's version makes a stale view fail.
                View view = views.containsKey(name) ? views.get(name) : load(name);
                CheckpointHead head = view.head();
                if (token < head.token() || sequence <= head.sequence()) {
                    if (attempt == 0 && views.remove(name) != null) {
                        continue;
                    }
                    throw new CheckpointFencedException(name, sequence, token, head);
                }
                int keep = Math.min(Math.max(retain - 1, 0), view.children().size());
                List<String> pruned =
                        view.children().subList(keep, view.children().size());
                List<CuratorOp> ops = new ArrayList<>();
                ops.add(client.transactionOp()
                        .setData()
                        .withVersion(view.version())
                        .forPath(path(name), encodeHead(sequence, token)));
                ops.add(client.transactionOp().create().forPath(path(name) + "/" + child, data));
                for (String old : pruned) {
                    ops.add(client.transactionOp().delete().forPath(path(name) + "/" + old));
                }
                try {
                    client.transaction().forOperations(ops);
                } catch (KeeperException.BadVersionException
                        | KeeperException.NodeExistsException
                        | KeeperException.NoNodeException ex) {
                    // Another writer, fence or quarantine changed the checkpoint: read it again and re-check.
                    views.remove(name);
                    continue;
                }
                List<String> children = new ArrayList<>();
                children.add(child);
                children.addAll(view.children().subList(0, keep));
                views.put(name, new View(view.version() + 1, new CheckpointHead(sequence, token), children));
                deleteBlobs(name, pruned);
                return null;
            }
            throw new CheckpointException("Checkpoint '" + name + "' lost " + ATTEMPTS + " commit races in a row");
        });
    }

    private View load(String name) throws Exception {
        Stat stat = new Stat();
        CheckpointHead head = readHead(name, stat);
        return new View(stat.getVersion(), head, children(name));
    }

    @Override
    public void fence(String name, long token) {
        call(() -> {
            while (true) {
                Stat stat = new Stat();
                CheckpointHead head = readHead(name, stat);
                if (head.token() >= token) {
                    return null;
                }
                try {
                    client.setData()
                            .withVersion(stat.getVersion())
                            .forPath(path(name), encodeHead(head.sequence(), token));
                    return null;
                } catch (KeeperException.BadVersionException ex) {
                    // Lost a race with a commit or another fence; read again.
                }
            }
        });
    }

    @Override
    public List<Long> sequences(String name) {
        return call(() -> children(name).stream()
                .map(child -> Long.parseLong(child.substring(3)))
                .toList());
    }

    @Override
    public Optional<byte[]> read(String name, long sequence) {
        return call(() -> {
            try {
                byte[] data = client.getData().forPath(path(name) + String.format("/cp-%019d", sequence));
                return Optional.of(isBlob(data) ? readBlob(data) : data);
            } catch (KeeperException.NoNodeException ex) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void quarantine(String name, long sequence) {
        String child = String.format("cp-%019d", sequence);
        call(() -> {
            try {
                byte[] data = client.getData().forPath(path(name) + "/" + child);
                client.createContainers(path(name) + "/quarantine/x");
                client.transaction()
                        .forOperations(
                                client.transactionOp().create().forPath(path(name) + "/quarantine/" + child, data),
                                client.transactionOp().delete().forPath(path(name) + "/" + child));
            } catch (KeeperException.NoNodeException | KeeperException.NodeExistsException ex) {
                // Already quarantined or pruned by another instance.
            }
            return null;
        });
    }

    private CheckpointHead readHead(String name, Stat stat) throws Exception {
        try {
            return decodeHead(client.getData().storingStatIn(stat).forPath(path(name)));
        } catch (KeeperException.NoNodeException ex) {
            try {
                client.create().creatingParentContainersIfNeeded().forPath(path(name), encodeHead(0, 0));
            } catch (KeeperException.NodeExistsException raced) {
                // Created by another instance at the same moment.
            }
            return decodeHead(client.getData().storingStatIn(stat).forPath(path(name)));
        }
    }

    /** The live children, newest first. */
    private List<String> children(String name) throws Exception {
        try {
            return client.getChildren().forPath(path(name)).stream()
                    .filter(child -> child.startsWith("cp-"))
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (KeeperException.NoNodeException ex) {
            return List.of();
        }
    }

    private byte[] toBlob(String name, String child, long token, byte[] envelope) {
        if (blobDirectory == null) {
            throw new CheckpointTooLargeException("Checkpoint '" + name + "' is " + envelope.length
                    + " bytes, over the ZooKeeper limit of " + maxBytes + " bytes (steadfast.checkpoint.zookeeper"
                    + ".max-size). Set steadfast.checkpoint.zookeeper.blob-directory to keep large states in files "
                    + "behind the ZooKeeper pointer, or use steadfast.checkpoint.store=filesystem or jdbc.");
        }
        String file = child + "-" + token + ".blob";
        try {
            Path dir = Files.createDirectories(blobDirectory.resolve(name));
            FilesystemCheckpointStore.writeDurably(dir, file, envelope);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] path = (name + "/" + file).getBytes(StandardCharsets.UTF_8);
        byte[] reference = Arrays.copyOf(BLOB_MARKER, BLOB_MARKER.length + path.length);
        System.arraycopy(path, 0, reference, BLOB_MARKER.length, path.length);
        return reference;
    }

    private static boolean isBlob(byte[] data) {
        return data.length > BLOB_MARKER.length
                && Arrays.equals(data, 0, BLOB_MARKER.length, BLOB_MARKER, 0, BLOB_MARKER.length);
    }

    private byte[] readBlob(byte[] reference) throws IOException {
        if (blobDirectory == null) {
            throw new CheckpointException(
                    "Checkpoint is stored as a blob but steadfast.checkpoint.zookeeper" + ".blob-directory is not set");
        }
        String relative = new String(
                reference, BLOB_MARKER.length, reference.length - BLOB_MARKER.length, StandardCharsets.UTF_8);
        return Files.readAllBytes(blobDirectory.resolve(relative));
    }

    private void deleteBlobs(String name, List<String> children) throws IOException {
        if (blobDirectory == null || children.isEmpty()) {
            return;
        }
        Path dir = blobDirectory.resolve(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String fileName = file.getFileName().toString();
                if (children.stream().anyMatch(child -> fileName.startsWith(child + "-"))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private String path(String name) {
        return basePath + "/" + name;
    }

    private static byte[] encodeHead(long sequence, long token) {
        return ByteBuffer.allocate(16).putLong(sequence).putLong(token).array();
    }

    private static CheckpointHead decodeHead(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        return new CheckpointHead(buffer.getLong(), buffer.getLong());
    }

    /** What this instance last knew of a checkpoint's head znode: its version, content and live children. */
    private record View(int version, CheckpointHead head, List<String> children) {}

    private static <T> T call(ZookeeperCall<T> call) {
        try {
            return call.run();
        } catch (CheckpointException | UncheckedIOException ex) {
            throw ex;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CheckpointException("Interrupted while talking to ZooKeeper", ex);
        } catch (Exception ex) {
            throw new CheckpointException("ZooKeeper checkpoint operation failed: " + ex, ex);
        }
    }

    @FunctionalInterface
    private interface ZookeeperCall<T> {
        T run() throws Exception;
    }
}
