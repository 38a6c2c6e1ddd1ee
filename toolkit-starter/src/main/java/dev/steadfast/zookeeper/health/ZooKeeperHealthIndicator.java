package dev.steadfast.zookeeper.health;

import dev.steadfast.zookeeper.internal.SessionTimeoutCheck;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the shared ZooKeeper client: UP while connected, DOWN otherwise, with the connect string and the
 * session timeout the server granted.
 */
public class ZooKeeperHealthIndicator extends AbstractHealthIndicator {

    private final CuratorFramework client;

    public ZooKeeperHealthIndicator(CuratorFramework client) {
        super("ZooKeeper health check failed");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("connectString", client.getZookeeperClient().getCurrentConnectionString());
        if (client.getState() != CuratorFrameworkState.STARTED) {
            builder.down().withDetail("state", client.getState().name());
        } else if (client.getZookeeperClient().isConnected()) {
            builder.up().withDetail("sessionTimeoutMs", SessionTimeoutCheck.negotiatedMillis(client));
        } else {
            builder.down().withDetail("state", "DISCONNECTED");
        }
    }
}
