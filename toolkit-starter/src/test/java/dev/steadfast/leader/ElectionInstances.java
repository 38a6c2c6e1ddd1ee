package dev.steadfast.leader;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real ZooKeeper server and the application contexts that take part in its elections, for tests that run
 * several instances. Closing it closes the contexts before the server, so that no Curator client outlives it.
 */
final class ElectionInstances implements AutoCloseable {

    private final TestingServer server;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    ElectionInstances() throws Exception {
        // tickTime 250 ms lets sessions be as short as 0.5 s and as long as 5 s.
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
    }

    TestingServer server() {
        return server;
    }

    /** The running instances, in start order; tests remove the ones they close themselves. */
    List<ConfigurableApplicationContext> instances() {
        return instances;
    }

    /** Starts {@link LeaderTestApplication} instances with participant ids {@code orders-0}, {@code orders-1}... */
    void start(int count, String... properties) {
        for (int i = 0; i < count; i++) {
            add(LeaderTestApplication.start(server.getConnectString(), "orders-" + i, properties));
        }
    }

    /** Adds an instance the test started itself, to be closed with the others. */
    ConfigurableApplicationContext add(ConfigurableApplicationContext instance) {
        instances.add(instance);
        return instance;
    }

    List<LeaderElection> leaders() {
        return instances.stream()
                .map(ElectionInstances::election)
                .filter(LeaderElection::isLeader)
                .toList();
    }

    ConfigurableApplicationContext leader() {
        return instances.stream()
                .filter(instance -> election(instance).isLeader())
                .findFirst()
                .orElseThrow();
    }

    ConfigurableApplicationContext other(ConfigurableApplicationContext instance) {
        return instances.stream().filter(i -> i != instance).findFirst().orElseThrow();
    }

    static LeaderElection election(ConfigurableApplicationContext instance) {
        return instance.getBean(LeaderElection.class);
    }

    @Override
    public void close() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        server.close();
    }
}
