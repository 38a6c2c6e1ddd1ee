package dev.steadfast.chaos.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history of a run: invocations and completions of every operation, thread-safe, with counters for the live
 * progress line. Written as JSON lines ({@code history.jsonl}), one invoke and one completion line per operation.
 */
public final class History {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Operation> completed = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong invoked = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();

    /** Records that an operation was sent; returns its index. */
    public synchronized long invoke(String idempotencyKey, long atMillis) {
        long index = invoked.getAndIncrement();
        lines.add(JSON.writeValueAsString(new Invocation(index, "invoke", idempotencyKey, atMillis)));
        return index;
    }

    /** Records the completion of an operation. */
    public synchronized void complete(Operation operation) {
        completed.add(operation);
        lines.add(JSON.writeValueAsString(
                new Completion(operation.index(), operation.outcome().name().toLowerCase(), operation)));
        switch (operation.outcome()) {
            case OK -> ok.incrementAndGet();
            case FAIL -> failed.incrementAndGet();
            case UNKNOWN -> unknown.incrementAndGet();
            case SHED -> shed.incrementAndGet();
        }
    }

    /** The completed operations in invocation order. */
    public synchronized List<Operation> operations() {
        List<Operation> copy = new ArrayList<>(completed);
        copy.sort(Comparator.comparingLong(Operation::index));
        return copy;
    }

    public long invoked() {
        return invoked.get();
    }

    public long ok() {
        return ok.get();
    }

    public long failed() {
        return failed.get();
    }

    public long unknown() {
        return unknown.get();
    }

    /** Operations the service shed at once (failed, not applied). */
    public long shed() {
        return shed.get();
    }

    /** Operations invoked but not yet completed. */
    public long inFlight() {
        return invoked.get() - ok.get() - failed.get() - unknown.get() - shed.get();
    }

    public synchronized void write(Path file) {
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (String line : lines) {
                writer.write(line);
                writer.newLine();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Invocation(long index, String type, String idempotencyKey, long timeMillis) {}

    private record Completion(long index, String type, Operation operation) {}
}
