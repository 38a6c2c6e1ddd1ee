package dev.steadfast.chaos.process;

import dev.steadfast.chaos.network.Link;
import dev.steadfast.chaos.network.NetworkLinks;
import dev.steadfast.chaos.network.ProxyLinks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything a run starts: the ZooKeeper servers, the shared database and two instances of each demo service.
 * Closing it stops every process it started, in reverse order.
 */
public final class Topology implements AutoCloseable {

    public static final String PAYMENT = "payment-service";
    public static final String ORDER = "order-service";
    private static final Duration LOCAL_START_TIMEOUT = Duration.ofSeconds(180);

    private final ZooKeeperEnsemble zooKeeper;
    private final SharedDatabase database;
    private final List<ServiceInstance> payments = new ArrayList<>();
    private final List<ServiceInstance> orders = new ArrayList<>();
    private final NetworkPartitions partitions;
    private final Runnable teardown;
    private final Duration startTimeout;
    private final Map<String, Map<String, String>> environmentByService;
    private final ProxyLinks links;

    public Topology(
            ZooKeeperEnsemble zooKeeper,
            SharedDatabase database,
            Path projectDir,
            Path runDir,
            Ports ports,
            int instancesPerService,
            Map<String, Map<String, String>> environmentByService) {
        this.zooKeeper = zooKeeper;
        this.environmentByService = Map.copyOf(environmentByService);
        this.database = database;
        this.links = new ProxyLinks();
        this.partitions = null;
        this.teardown = () -> {};
        this.startTimeout = LOCAL_START_TIMEOUT;
        Path paymentJar = serviceJar(projectDir, "demo-payment-service");
        Path orderJar = serviceJar(projectDir, "demo-order-service");
        for (int i = 1; i <= instancesPerService; i++) {
            payments.add(instance(PAYMENT, "payment-" + i, paymentJar, database.paymentUrl(), true, runDir, ports));
            orders.add(instance(ORDER, "order-" + i, orderJar, database.orderUrl(), false, runDir, ports));
        }
    }

    /**
     * A topology whose processes were made elsewhere (containers of a compose project); {@code partitions} may be
     * null, {@code teardown} runs after every process has stopped, {@code startTimeout} bounds each instance's way
     * to readiness.
     */
    public Topology(
            ZooKeeperEnsemble zooKeeper,
            SharedDatabase database,
            List<ServiceInstance> payments,
            List<ServiceInstance> orders,
            NetworkPartitions partitions,
            Runnable teardown,
            Duration startTimeout) {
        this.zooKeeper = zooKeeper;
        this.database = database;
        this.payments.addAll(payments);
        this.orders.addAll(orders);
        this.environmentByService = Map.of();
        // Containers reach each other on their own bridge network: no runner proxy stands in their links.
        this.links = null;
        this.partitions = partitions;
        this.teardown = teardown;
        this.startTimeout = startTimeout;
    }

    private ServiceInstance instance(
            String service, String id, Path jar, String dbUrl, boolean chaosMonkey, Path runDir, Ports ports) {
        int port = ports.next();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("INSTANCE_ID", id);
        // Every link goes through the runner's own proxies, so that network faults can hit one instance's links.
        env.put(
                "ZK_CONNECT",
                zooKeeper.clientAddresses().stream()
                        .map(address -> "127.0.0.1:" + links.open(id, Link.ZOOKEEPER, address))
                        .collect(Collectors.joining(",")));
        int databasePort = links.open(id, Link.DATABASE, database.address());
        env.put("DB_URL", SharedDatabase.throughLoopbackPort(dbUrl, database.address(), databasePort));
        env.put("DB_USER", database.user());
        env.put("DB_PASSWORD", database.password());
        if (chaosMonkey) {
            env.put("CHAOS_MONKEY", "true");
        }
        env.putAll(environmentByService.getOrDefault(service, Map.of()));
        List<String> command = JavaCommand.jar("256m", jar, List.of());
        ManagedProcess process = new ManagedProcess(id, command, env, runDir.resolve(id + ".log"));
        return new ServiceInstance(service, id, port, process);
    }

    static Path serviceJar(Path projectDir, String module) {
        Path jar = projectDir.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException("Missing " + jar + ": build it with ./mvnw -pl " + module
                    + " -am package -DskipTests (./demo does)");
        }
        return jar;
    }

    /** Starts ZooKeeper and the database, then the payment instances, then the order instances. */
    public void start() {
        database.start();
        zooKeeper.startAll(Duration.ofSeconds(60));
        startAndAwait(payments);
        startAndAwait(orders);
    }

    private void startAndAwait(List<ServiceInstance> instances) {
        instances.forEach(ServiceInstance::start);
        instances.forEach(instance -> instance.awaitReady(startTimeout));
    }

    /** Brings every process back: heals every link, resumes paused ones, restarts dead ones and waits for their readiness. */
    public void heal() {
        links().ifPresent(NetworkLinks::healAll);
        // Only a server this run owns can be down (a kill -9 fault); start() of another would reset its schemas
        // (PostgreSQL) or wait on a container that runs already (compose).
        database.ownProcess().filter(server -> !server.isAlive()).ifPresent(server -> database.start());
        zooKeeper.startAll(Duration.ofSeconds(60));
        List<ServiceInstance> all = instances();
        all.forEach(instance -> {
            partitions().ifPresent(network -> network.heal(instance));
            instance.process().resume();
            instance.start();
        });
        all.forEach(instance -> instance.awaitReady(startTimeout));
    }

    /** Network partitions, where this topology can make them. */
    public Optional<NetworkPartitions> partitions() {
        return Optional.ofNullable(partitions);
    }

    /** The links of every instance to ZooKeeper and the database, for network faults, where the runner proxies them. */
    public Optional<NetworkLinks> links() {
        return Optional.ofNullable(links);
    }

    public ZooKeeperEnsemble zooKeeper() {
        return zooKeeper;
    }

    public SharedDatabase database() {
        return database;
    }

    public List<ServiceInstance> payments() {
        return List.copyOf(payments);
    }

    public List<ServiceInstance> orders() {
        return List.copyOf(orders);
    }

    public List<ServiceInstance> instances() {
        return Stream.concat(payments.stream(), orders.stream()).toList();
    }

    @Override
    public void close() {
        orders.forEach(instance -> instance.process().terminate(Duration.ofSeconds(10)));
        payments.forEach(instance -> instance.process().terminate(Duration.ofSeconds(10)));
        if (links != null) {
            links.close();
        }
        zooKeeper.close();
        database.close();
        teardown.run();
    }
}
