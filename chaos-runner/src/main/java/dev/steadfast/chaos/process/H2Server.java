package dev.steadfast.chaos.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** H2 in server mode ({@code org.h2.tools.Server -tcp}) in its own process, databases created on first use. */
public final class H2Server implements SharedDatabase {

    private final int port;
    private final ManagedProcess process;

    public H2Server(Path directory, Ports ports) {
        this.port = ports.next();
        try {
            Path data = Files.createDirectories(directory.resolve("h2"));
            List<String> command = JavaCommand.mainClass(
                    "256m",
                    List.of(),
                    "org.h2.tools.Server",
                    "-tcp",
                    "-tcpPort",
                    Integer.toString(port),
                    "-ifNotExists",
                    "-baseDir",
                    data.toAbsolutePath().toString());
            this.process = new ManagedProcess("h2", command, Map.of(), directory.resolve("h2.log"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void start() {
        if (process.isAlive()) {
            return;
        }
        process.start();
        Readiness.await(process, Duration.ofSeconds(30), () -> Readiness.tcpOpen(port));
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public String paymentUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/payment";
    }

    @Override
    public String orderUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/orders";
    }

    @Override
    public String user() {
        return "steadfast";
    }

    @Override
    public String password() {
        return "steadfast";
    }

    @Override
    public String kind() {
        return "h2";
    }

    @Override
    public Optional<ManagedProcess> ownProcess() {
        return Optional.of(process);
    }

    @Override
    public void close() {
        process.terminate(Duration.ofSeconds(5));
    }
}
