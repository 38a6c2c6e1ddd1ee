package dev.steadfast.zookeeper.internal;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when the ZooKeeper server granted another session timeout than the one requested. Servers clamp the
 * request to [2, 20] x their tickTime, which silently changes failover times and leases.
 */
public final class SessionTimeoutCheck implements ConnectionStateListener {

    private static final Logger log = LoggerFactory.getLogger(SessionTimeoutCheck.class);

    private final Duration requested;

    public SessionTimeoutCheck(Duration requested) {
        this.requested = requested;
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        if (newState != ConnectionState.CONNECTED && newState != ConnectionState.RECONNECTED) {
            return;
        }
        long negotiated = negotiatedMillis(client);
        if (negotiated > 0 && negotiated != requested.toMillis()) {
            log.warn(
                    "ZooKeeper negotiated a session timeout of {} ms instead of the requested {} ms "
                            + "(servers clamp it to [2, 20] x tickTime): failover and leader lease follow the "
                            + "negotiated value; align steadfast.zookeeper.session-timeout with the server's tickTime",
                    negotiated,
                    requested.toMillis());
        }
    }

    /** The session timeout the server granted, or 0 when not connected. */
    public static long negotiatedMillis(CuratorFramework client) {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionTimeout();
        } catch (Exception ex) {
            return 0;
        }
    }
}
