package dev.steadfast.chaos.compose;

import dev.steadfast.chaos.process.ManagedProcess;
import dev.steadfast.chaos.process.Ports;
import dev.steadfast.chaos.process.ServiceInstance;
import dev.steadfast.chaos.process.Topology;
import dev.steadfast.chaos.process.ZooKeeperEnsemble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the chaos run's {@link Topology} from zookeeper-compose/docker-compose.yml: a compose project of the run's
 * own (its name ends in the run's start time), every port published on loopback at a free port the runner picked,
 * the images named by the {@code *_IMAGE} variables of the environment (official images when unset). The
 * containers are created here and started by the topology; closing the topology removes the project.
 */
public final class ComposeTopology {

    private static final List<String> ZOOKEEPERS = List.of("zk1", "zk2", "zk3");
    private static final List<String> PAYMENTS = List.of("payment-1", "payment-2");
    private static final List<String> ORDERS = List.of("order-1", "order-2");
    private static final String POSTGRES = "postgres";
    private static final String PROMETHEUS = "prometheus";
    /**
     * Four JVMs starting in containers on a busy 2-core machine took over three minutes in CI; the wait only ends
     * early when an instance is ready.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(7);

    private ComposeTopology() {}

    /** Creates the project's containers (building the service images) and returns a topology that starts them. */
    public static Topology create(Path projectDir, Path runDir, Ports ports, long seed) {
        Map<String, Integer> published = new LinkedHashMap<>();
        for (String service : services()) {
            published.put(service, ports.next());
        }
        Map<String, String> environment = new HashMap<>();
        published.forEach((service, port) -> environment.put(portVariable(service), Integer.toString(port)));
        String name = "steadfast-chaos-" + seed + "-" + Long.toString(System.currentTimeMillis(), 36);
        ComposeProject project = new ComposeProject(
                name, projectDir.resolve("zookeeper-compose").resolve("docker-compose.yml"), environment);
        try {
            // Written first, so that whoever cleans up after a killed run knows which project to take down.
            Files.writeString(runDir.resolve("compose-project.txt"), name + "\n");
            project.create(services());
            Map<String, ContainerProcess> containers = new HashMap<>();
            for (String service : services()) {
                containers.put(
                        service,
                        new ContainerProcess(
                                service,
                                project.containerId(service),
                                project.docker(),
                                runDir.resolve(service + ".log")));
            }
            List<ManagedProcess> zooKeepers = new ArrayList<>();
            List<Integer> zooKeeperPorts = new ArrayList<>();
            for (String zk : ZOOKEEPERS) {
                zooKeepers.add(containers.get(zk));
                zooKeeperPorts.add(published.get(zk));
            }
            ComposeDatabase database = new ComposeDatabase(containers.get(POSTGRES), published.get(POSTGRES));
            List<ServiceInstance> payments = instances(Topology.PAYMENT, PAYMENTS, containers, published);
            List<ServiceInstance> orders = instances(Topology.ORDER, ORDERS, containers, published);
            ContainerPartitions partitions = new ContainerPartitions(project, containers, ZOOKEEPERS, POSTGRES);
            ContainerProcess prometheus = containers.get(PROMETHEUS);
            long createdAt = System.currentTimeMillis() / 1000;
            Path dashboard = projectDir.resolve("zookeeper-compose/grafana/dashboards/steadfast.json");
            Runnable teardown = () -> {
                try {
                    checkDashboard(dashboard, published.get(PROMETHEUS), createdAt, runDir);
                } finally {
                    project.saveLogs(services(), runDir);
                    project.down();
                }
            };
            // Prometheus first, so that it scrapes the instances from their start; nothing waits on it.
            prometheus.start();
            return new Topology(
                    ZooKeeperEnsemble.of(zooKeepers, zooKeeperPorts),
                    database,
                    payments,
                    orders,
                    partitions,
                    teardown,
                    START_TIMEOUT);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (RuntimeException ex) {
            project.down();
            throw ex;
        }
    }

    /** Runs the dashboard's queries against the run's Prometheus before it is removed; see {@link DashboardQueries}. */
    private static void checkDashboard(Path dashboard, int prometheusPort, long since, Path runDir) {
        try {
            List<DashboardQueries.Panel> panels = new DashboardQueries(prometheusPort).run(dashboard, since);
            System.out.println(DashboardQueries.write(panels, runDir.resolve("dashboard-queries.txt")));
        } catch (IOException | RuntimeException ex) {
            System.out.println("DASHBOARD queries failed: " + ex.getMessage());
        }
    }

    /** The compose file's variable for the service's published port: payment-1 has PAYMENT1_PORT. */
    static String portVariable(String service) {
        return service.replace("-", "").toUpperCase(Locale.ROOT) + "_PORT";
    }

    private static List<ServiceInstance> instances(
            String service, List<String> names, Map<String, ContainerProcess> containers, Map<String, Integer> ports) {
        return names.stream()
                .map(name -> new ServiceInstance(service, name, ports.get(name), containers.get(name)))
                .toList();
    }

    private static List<String> services() {
        List<String> services = new ArrayList<>(ZOOKEEPERS);
        services.add(POSTGRES);
        services.addAll(PAYMENTS);
        services.addAll(ORDERS);
        services.add(PROMETHEUS);
        return services;
    }
}
