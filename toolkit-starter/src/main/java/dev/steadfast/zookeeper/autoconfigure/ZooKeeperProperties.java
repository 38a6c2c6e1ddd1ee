package dev.steadfast.zookeeper.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the shared ZooKeeper client. */
@ConfigurationProperties("steadfast.zookeeper")
public class ZooKeeperProperties {

    /** Whether the starter builds a ZooKeeper client when a connect string is set. */
    private boolean enabled = true;

    /**
     * ZooKeeper servers as {@code host:port[,host:port...]}; falls back to
     * {@code spring.cloud.zookeeper.connect-string}. Without either, ZooKeeper features stay off.
     */
    private String connectString;

    /**
     * Session timeout requested from ZooKeeper. A crashed leader is replaced after about this long; a pause or
     * network loss of about two thirds of it makes a leader step down. The server clamps it to [2, 20] x tickTime.
     */
    private Duration sessionTimeout = Duration.ofSeconds(6);

    /** How long to wait for a connection before an operation fails; at most the session timeout. */
    private Duration connectionTimeout = Duration.ofSeconds(3);

    /** Root path that every node of this client is created under, without a leading slash; none when empty. */
    private String namespace;

    /** Retries of failed operations. */
    private final Retry retry = new Retry();

    /** Digest authentication; when a username is set, nodes are created with creator-only ACLs. */
    private final Auth auth = new Auth();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getConnectString() {
        return connectString;
    }

    public void setConnectString(String connectString) {
        this.connectString = connectString;
    }

    public Duration getSessionTimeout() {
        return sessionTimeout;
    }

    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Retry getRetry() {
        return retry;
    }

    public Auth getAuth() {
        return auth;
    }

    /** Bounded exponential backoff between retries. */
    public static class Retry {

        /** Sleep before the first retry. */
        private Duration baseSleep = Duration.ofMillis(100);

        /** Longest sleep between two retries. */
        private Duration maxSleep = Duration.ofSeconds(2);

        /** How many times an operation is retried. */
        private int maxRetries = 5;

        public Duration getBaseSleep() {
            return baseSleep;
        }

        public void setBaseSleep(Duration baseSleep) {
            this.baseSleep = baseSleep;
        }

        public Duration getMaxSleep() {
            return maxSleep;
        }

        public void setMaxSleep(Duration maxSleep) {
            this.maxSleep = maxSleep;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }
    }

    /** Digest credentials and the ACL of the nodes this client creates. */
    public static class Auth {

        /** User of the digest scheme; authentication is off when empty. */
        private String username;

        /** Password of the digest scheme. */
        private String password;

        /** Whether nodes created with credentials are readable by everyone (their writes stay creator-only). */
        private boolean worldReadable = false;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isWorldReadable() {
            return worldReadable;
        }

        public void setWorldReadable(boolean worldReadable) {
            this.worldReadable = worldReadable;
        }
    }
}
