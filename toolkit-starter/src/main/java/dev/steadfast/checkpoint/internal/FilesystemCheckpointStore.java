package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.CheckpointFencedException;
import dev.steadfast.checkpoint.CheckpointHead;
import dev.steadfast.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps checkpoints as files, one directory per name: {@code cp-<sequence>-<token>.ckpt}. A commit writes a
 * hidden temp file, forces it to disk, renames it atomically and forces the directory, so a crash at any point
 * leaves either the old or the new checkpoint complete. Commits are serialised by a file lock, which also fences
 * other processes sharing the directory; quarantined files get the suffix {@code .corrupt}.
 */
public final class FilesystemCheckpointStore implements CheckpointStore {

    private static final Pattern FILE = Pattern.compile("cp-(\\d{19})-(\\d+)\\.ckpt(\\.corrupt)?");

    private static final String FENCE = "fence";

    private final Path root;

    private final int retain;

    private final Object monitor = new Object();

    public FilesystemCheckpointStore(Path root, int retain) {
        this.root = root;
        this.retain = retain;
    }

    @Override
    public String type() {
        return "filesystem";
    }

    @Override
    public CheckpointHead head(String name) {
        return withLock(name, dir -> scanHead(dir));
    }

    @Override
    public void commit(String name, long sequence, long token, byte[] envelope) {
        withLock(name, dir -> {
            CheckpointHead head = scanHead(dir);
            String file = String.format("cp-%019d-%d.ckpt", sequence, token);
            if (token < head.token() || sequence <= head.sequence()) {
                if (isOwnCommit(dir.resolve(file), sequence, token, envelope, head)) {
                    return null;
                }
                throw new CheckpointFencedException(name, sequence, token, head);
            }
            writeDurably(dir, file, envelope);
            prune(dir);
            return null;
        });
    }

    /** Whether the head is this very commit, already written (a retry after a lost reply): then it succeeds. */
    private static boolean isOwnCommit(Path file, long sequence, long token, byte[] envelope, CheckpointHead head)
            throws IOException {
        return head.sequence() == sequence
                && head.token() == token
                && Files.isRegularFile(file)
                && Arrays.equals(Files.readAllBytes(file), envelope);
    }

    @Override
    public void fence(String name, long token) {
        withLock(name, dir -> {
            if (scanHead(dir).token() < token) {
                writeDurably(dir, FENCE, Long.toString(token).getBytes(StandardCharsets.US_ASCII));
            }
            return null;
        });
    }

    @Override
    public List<Long> sequences(String name) {
        return files(directory(name), false).stream()
                .map(FilesystemCheckpointStore::sequence)
                .toList();
    }

    @Override
    public Optional<byte[]> read(String name, long sequence) {
        for (Path file : files(directory(name), false)) {
            if (sequence(file) == sequence) {
                try {
                    return Optional.of(Files.readAllBytes(file));
                } catch (NoSuchFileException ex) {
                    return Optional.empty();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void quarantine(String name, long sequence) {
        withLock(name, dir -> {
            for (Path file : files(dir, false)) {
                if (sequence(file) == sequence) {
                    Files.move(
                            file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.ATOMIC_MOVE);
                    forceDirectory(dir);
                }
            }
            return null;
        });
    }

    /** Writes through a temp file so that readers and crashes never see a partial file. */
    static void writeDurably(Path dir, String fileName, byte[] bytes) throws IOException {
        Path temp = dir.resolve("." + fileName + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.deleteIfExists(temp);
            throw ex;
        }
        forceDirectory(dir);
    }

    /** Makes the rename itself durable; without it a crash can forget the new directory entry. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private CheckpointHead scanHead(Path dir) throws IOException {
        long sequence = 0;
        long token = 0;
        for (Path file : files(dir, true)) {
            sequence = Math.max(sequence, sequence(file));
            token = Math.max(token, token(file));
        }
        Path fence = dir.resolve(FENCE);
        if (Files.exists(fence)) {
            token = Math.max(
                    token,
                    Long.parseLong(
                            Files.readString(fence, StandardCharsets.US_ASCII).trim()));
        }
        return new CheckpointHead(sequence, token);
    }

    private void prune(Path dir) throws IOException {
        List<Path> live = files(dir, false);
        for (Path old : live.subList(Math.min(retain, live.size()), live.size())) {
            Files.deleteIfExists(old);
        }
        // Temp files left by a crash between write and rename are never valid checkpoints.
        try (Stream<Path> temps = Files.list(dir)) {
            for (Path temp : temps.filter(p -> p.getFileName().toString().startsWith(".cp-"))
                    .toList()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** The checkpoint files, newest first; quarantined ones only when asked. */
    private static List<Path> files(Path dir, boolean withQuarantined) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> stream = Files.list(dir)) {
            List<Path> files = new ArrayList<>();
            stream.forEach(path -> {
                Matcher matcher = FILE.matcher(path.getFileName().toString());
                if (matcher.matches() && (withQuarantined || matcher.group(3) == null)) {
                    files.add(path);
                }
            });
            files.sort(Comparator.comparingLong(FilesystemCheckpointStore::sequence)
                    .reversed());
            return files;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long sequence(Path file) {
        Matcher matcher = FILE.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static long token(Path file) {
        Matcher matcher = FILE.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(2)) : -1;
    }

    private Path directory(String name) {
        return root.resolve(name);
    }

    private <T> T withLock(String name, IoFunction<T> action) {
        Path dir = directory(name);
        synchronized (monitor) {
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = FileChannel.open(
                                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    return action.apply(dir);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("Checkpoint directory " + dir + " failed", ex);
            }
        }
    }

    @FunctionalInterface
    private interface IoFunction<T> {
        T apply(Path dir) throws IOException;
    }
}
