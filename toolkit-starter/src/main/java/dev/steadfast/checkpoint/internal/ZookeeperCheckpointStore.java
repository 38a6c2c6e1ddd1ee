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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Keeps checkpoints in ZooKeeper as a ring: {@code <base>/<name>} is the head (committed sequence, highest token,
 * and which sequence each slot holds) and its children {@code slot-0 .. slot-<retain-1>} hold the envelopes, a
 * checkpoint going to slot {@code sequence % retain}. A commit is one ZooKeeper transaction of two
 * {@code setData}s: the head, with its expected version (compare-and-set), and the slot. The token is checked
 * against the head before; any writer, fence or quarantine in between changes the head's version and makes the
 * transaction fail, so the check holds at the moment of the write. Overwriting a slot rather than creating and
 * deleting znodes keeps the cost close to one raw {@code setData}.
 *
 * <p>States larger than the znode limit go to a blob directory behind the ZooKeeper pointer when one is configured,
 * as Flink does with its high-availability storage. A checkpoint keeps the number of slots it was created with.
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
        return call(() -> load(name).head());
    }

    @Override
    public void commit(String name, long sequence, long token, byte[] envelope) {
        boolean large = envelope.length > maxBytes;
        byte[] data = large ? blobReference(name, sequence, token, envelope) : envelope;
        boolean[] blobWritten = {false};
        call(() -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                // A cached view costs nothing when wrong: its stale version makes the transaction fail.
                View view = views.get(name);
                if (view == null) {
                    view = load(name);
                }
                if (token < view.head().token() || sequence <= view.head().sequence()) {
                    if (isOwnCommit(name, sequence, token, data, view.head())) {
                        return null;
                    }
                    if (blobWritten[0]) {
                        // Written for an attempt that lost to a newer writer: nothing will ever point at it.
                        Files.deleteIfExists(blobFile(data));
                    }
                    throw new CheckpointFencedException(name, sequence, token, view.head());
                }
                if (large && !blobWritten[0]) {
                    // Only after the fence check, so that a fenced writer leaves no file behind.
                    writeBlob(name, sequence, token, envelope);
                    blobWritten[0] = true;
                }
                int slot = (int) (sequence % view.slots().length);
                long[] slots = view.slots().clone();
                long overwritten = slots[slot];
                slots[slot] = sequence;
                CheckpointHead head = new CheckpointHead(sequence, token);
                try {
                    client.transaction()
                            .forOperations(
                                    client.transactionOp()
                                            .setData()
                                            .withVersion(view.version())
                                            .forPath(path(name), encodeHead(head, slots)),
                                    client.transactionOp()
                                            .setData()
                                            .forPath(slotPath(name, slot), frame(sequence, data)));
                } catch (KeeperException.BadVersionException | KeeperException.NoNodeException ex) {
                    views.remove(name);
                    continue;
                }
                views.put(name, new View(view.version() + 1, head, slots));
                if (overwritten > 0) {
                    deleteBlob(name, overwritten);
                }
                return null;
            }
            throw new CheckpointException("Checkpoint '" + name + "' lost " + ATTEMPTS + " commit races in a row");
        });
    }

    /**
     * Whether the head is this very commit, already applied: a transaction whose reply was lost and that Curator
     * retried finds its own write there. The same sequence, token and bytes make it a success, not a fence.
     */
    private boolean isOwnCommit(String name, long sequence, long token, byte[] data, CheckpointHead head)
            throws Exception {
        return head.sequence() == sequence
                && head.token() == token
                && readSlot(name, sequence, new Stat())
                        .filter(stored -> Arrays.equals(stored, data))
                        .isPresent();
    }

    @Override
    public void fence(String name, long token) {
        call(() -> {
            while (true) {
                View view = load(name);
                if (view.head().token() >= token) {
                    return null;
                }
                try {
                    client.setData()
                            .withVersion(view.version())
                            .forPath(
                                    path(name),
                                    encodeHead(new CheckpointHead(view.head().sequence(), token), view.slots()));
                    views.remove(name);
                    return null;
                } catch (KeeperException.BadVersionException ex) {
                    // Lost a race with a commit or another fence; read again.
                }
            }
        });
    }

    @Override
    public List<Long> sequences(String name) {
        return call(() -> LongStream.of(load(name).slots())
                .filter(sequence -> sequence > 0)
                .boxed()
                .sorted((a, b) -> Long.compare(b, a))
                .toList());
    }

    @Override
    public Optional<byte[]> read(String name, long sequence) {
        return call(() -> {
            Optional<byte[]> data = readSlot(name, sequence, new Stat());
            return data.isPresent() && isBlob(data.get()) ? Optional.of(readBlob(data.get())) : data;
        });
    }

    @Override
    public void quarantine(String name, long sequence) {
        call(() -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                View view = load(name);
                int slot = (int) (sequence % view.slots().length);
                Stat slotStat = new Stat();
                Optional<byte[]> data = readSlot(name, sequence, slotStat);
                if (data.isEmpty() || view.slots()[slot] != sequence) {
                    return null;
                }
                long[] slots = view.slots().clone();
                slots[slot] = 0;
                client.createContainers(path(name) + "/quarantine/x");
                try {
                    client.transaction()
                            .forOperations(
                                    client.transactionOp()
                                            .create()
                                            .forPath(
                                                    path(name) + String.format("/quarantine/cp-%019d", sequence),
                                                    data.get()),
                                    client.transactionOp()
                                            .setData()
                                            .withVersion(view.version())
                                            .forPath(path(name), encodeHead(view.head(), slots)),
                                    client.transactionOp()
                                            .setData()
                                            .withVersion(slotStat.getVersion())
                                            .forPath(slotPath(name, slot), new byte[0]));
                    views.remove(name);
                    if (isBlob(data.get()) && blobDirectory != null) {
                        // Nothing points at it any more, and no later commit of this slot would delete it.
                        Files.deleteIfExists(blobFile(data.get()));
                    }
                    return null;
                } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException ex) {
                    // A commit or another instance's quarantine got there first; look again.
                }
            }
            return null;
        });
    }

    /** The slot's content if it still holds {@code sequence}; each slot starts with the sequence it holds. */
    private Optional<byte[]> readSlot(String name, long sequence, Stat stat) throws Exception {
        View view = views.get(name);
        int slots = (view != null ? view : load(name)).slots().length;
        byte[] framed;
        try {
            framed = client.getData().storingStatIn(stat).forPath(slotPath(name, (int) (sequence % slots)));
        } catch (KeeperException.NoNodeException ex) {
            return Optional.empty();
        }
        if (framed.length < 8 || ByteBuffer.wrap(framed).getLong() != sequence) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(framed, 8, framed.length));
    }

    /** Reads the head, creating it with its slots on first use. */
    private View load(String name) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(path(name));
        } catch (KeeperException.NoNodeException ex) {
            create(name);
            data = client.getData().storingStatIn(stat).forPath(path(name));
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        CheckpointHead head = new CheckpointHead(buffer.getLong(), buffer.getLong());
        long[] slots = new long[buffer.remaining() / 8];
        buffer.asLongBuffer().get(slots);
        View view = new View(stat.getVersion(), head, slots);
        views.put(name, view);
        return view;
    }

    private void create(String name) throws Exception {
        client.createContainers(basePath);
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(client.transactionOp()
                .create()
                .forPath(path(name), encodeHead(CheckpointHead.EMPTY, new long[retain])));
        for (int slot = 0; slot < retain; slot++) {
            ops.add(client.transactionOp().create().forPath(slotPath(name, slot), new byte[0]));
        }
        try {
            client.transaction().forOperations(ops);
        } catch (KeeperException.NodeExistsException ex) {
            // Created by another instance at the same moment.
        }
    }

    /** The pointer that stands in the slot for a state kept as a blob file. */
    private byte[] blobReference(String name, long sequence, long token, byte[] envelope) {
        if (blobDirectory == null) {
            throw new CheckpointTooLargeException("Checkpoint '" + name + "' is " + envelope.length
                    + " bytes, over the ZooKeeper limit of " + maxBytes + " bytes (steadfast.checkpoint.zookeeper"
                    + ".max-size). Set steadfast.checkpoint.zookeeper.blob-directory to keep large states in files "
                    + "behind the ZooKeeper pointer, or use steadfast.checkpoint.store=filesystem or jdbc.");
        }
        byte[] path = (name + "/" + blobFileName(sequence, token)).getBytes(StandardCharsets.UTF_8);
        byte[] reference = Arrays.copyOf(BLOB_MARKER, BLOB_MARKER.length + path.length);
        System.arraycopy(path, 0, reference, BLOB_MARKER.length, path.length);
        return reference;
    }

    private void writeBlob(String name, long sequence, long token, byte[] envelope) throws IOException {
        Path dir = Files.createDirectories(blobDirectory.resolve(name));
        FilesystemCheckpointStore.writeDurably(dir, blobFileName(sequence, token), envelope);
    }

    private static String blobFileName(long sequence, long token) {
        return String.format("cp-%019d-%d.blob", sequence, token);
    }

    private static boolean isBlob(byte[] data) {
        return data.length > BLOB_MARKER.length
                && Arrays.equals(data, 0, BLOB_MARKER.length, BLOB_MARKER, 0, BLOB_MARKER.length);
    }

    private byte[] readBlob(byte[] reference) throws IOException {
        return Files.readAllBytes(blobFile(reference));
    }

    private Path blobFile(byte[] reference) {
        if (blobDirectory == null) {
            throw new CheckpointException(
                    "Checkpoint is stored as a blob but steadfast.checkpoint.zookeeper.blob-directory is not set");
        }
        String relative = new String(
                reference, BLOB_MARKER.length, reference.length - BLOB_MARKER.length, StandardCharsets.UTF_8);
        return blobDirectory.resolve(relative);
    }

    private void deleteBlob(String name, long sequence) throws IOException {
        Path dir = blobDirectory == null ? null : blobDirectory.resolve(name);
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = String.format("cp-%019d-", sequence);
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private String path(String name) {
        return basePath + "/" + name;
    }

    private String slotPath(String name, int slot) {
        return basePath + "/" + name + "/slot-" + slot;
    }

    private static byte[] frame(long sequence, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putLong(sequence).put(data).array();
    }

    private static byte[] encodeHead(CheckpointHead head, long[] slots) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + 8 * slots.length);
        buffer.putLong(head.sequence()).putLong(head.token());
        for (long slot : slots) {
            buffer.putLong(slot);
        }
        return buffer.array();
    }

    /** What this instance last knew of a checkpoint's head znode: its version and content. */
    private record View(int version, CheckpointHead head, long[] slots) {}

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
