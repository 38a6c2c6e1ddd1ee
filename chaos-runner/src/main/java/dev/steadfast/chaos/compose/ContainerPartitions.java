package dev.steadfast.chaos.compose;

import dev.steadfast.chaos.process.NetworkPartitions;
import dev.steadfast.chaos.process.ServiceInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partitions on the compose project's own bridge network, and nowhere else. Whole isolation takes the network away
 * from the container ({@code docker network disconnect}, later {@code connect} with its service name as alias
 * again); a partial partition adds DROP rules for the peers' addresses inside the container's own network
 * namespace ({@code nsenter -t <pid> -n iptables}), so that clients still reach it. The peers' addresses are read
 * when the fault starts, since a restarted container may have a new one.
 */
final class ContainerPartitions implements NetworkPartitions {

    private final ComposeProject project;
    private final Map<String, ContainerProcess> containers;
    private final List<String> zooKeepers;
    private final String database;
    private final Map<String, List<List<String>>> rules = new ConcurrentHashMap<>();
    private final Map<String, Boolean> disconnected = new ConcurrentHashMap<>();

    /** {@code containers}: every container of the project by service name. */
    ContainerPartitions(
            ComposeProject project,
            Map<String, ContainerProcess> containers,
            List<String> zooKeepers,
            String database) {
        this.project = project;
        this.containers = Map.copyOf(containers);
        this.zooKeepers = List.copyOf(zooKeepers);
        this.database = database;
    }

    @Override
    public String isolate(ServiceInstance instance) {
        ContainerProcess container = container(instance);
        project.docker().run("docker", "network", "disconnect", project.network(), container.containerId());
        disconnected.put(instance.instanceId(), true);
        return "docker network disconnect " + project.network() + " " + instance.instanceId();
    }

    @Override
    public String cutFromZooKeeper(ServiceInstance instance) {
        return drop(instance, zooKeepers);
    }

    @Override
    public String cutFromDatabase(ServiceInstance instance) {
        return drop(instance, List.of(database));
    }

    private String drop(ServiceInstance instance, List<String> peers) {
        List<String> addresses = new ArrayList<>();
        for (String peer : peers) {
            String address = address(peer);
            addresses.add(peer + "=" + address);
            for (String chain : new String[] {"INPUT", "OUTPUT"}) {
                List<String> rule = List.of(chain, chain.equals("INPUT") ? "-s" : "-d", address, "-j", "DROP");
                iptables(instance, "-I", rule);
                rules.computeIfAbsent(instance.instanceId(), id -> new ArrayList<>())
                        .add(rule);
            }
        }
        return "iptables DROP in " + instance.instanceId() + "'s namespace to and from " + String.join(", ", addresses);
    }

    @Override
    public void heal(ServiceInstance instance) {
        List<List<String>> added = rules.remove(instance.instanceId());
        if (added != null && container(instance).isAlive()) {
            for (List<String> rule : added) {
                iptables(instance, "-D", rule);
            }
        }
        if (disconnected.remove(instance.instanceId()) != null) {
            project.docker()
                    .run(
                            "docker",
                            "network",
                            "connect",
                            "--alias",
                            instance.instanceId(),
                            project.network(),
                            container(instance).containerId());
        }
    }

    private void iptables(ServiceInstance instance, String action, List<String> rule) {
        List<String> command = Docker.command(
                "nsenter", "-t", Long.toString(container(instance).pid()), "-n", "iptables", "-w", action);
        command.addAll(rule);
        project.docker().run(Duration.ofSeconds(30), command);
    }

    /** The peer's address on the project network. */
    private String address(String service) {
        String id = containers.get(service).containerId();
        String format = "{{(index .NetworkSettings.Networks \"" + project.network() + "\").IPAddress}}";
        String address = project.docker().run("docker", "inspect", "-f", format, id);
        if (address.isBlank()) {
            throw new IllegalStateException(service + " has no address on " + project.network());
        }
        return address;
    }

    private ContainerProcess container(ServiceInstance instance) {
        return (ContainerProcess) instance.process();
    }
}
