package dev.steadfast.checkpoint.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Configuration of checkpointed state. */
@ConfigurationProperties("steadfast.checkpoint")
public class CheckpointProperties {

    /** Whether checkpointed state is on. */
    private boolean enabled = true;

    /**
     * Where checkpoints are kept: auto (zookeeper when a ZooKeeper client is configured, filesystem otherwise),
     * zookeeper, filesystem or jdbc.
     */
    private StoreType store = StoreType.AUTO;

    /** How often each checkpoint is saved, unless its @Checkpointed annotation sets an interval. */
    private Duration interval = Duration.ofSeconds(30);

    /** How many checkpoints are retained per name, the newest included; older ones are deleted. */
    private int retain = 3;

    /** Id written into each checkpoint; defaults to the leader participant id or app-host-pid. */
    private String writerId;

    /** How long @LeaderOnly work on a new leader waits for its checkpoints to be restored before it is skipped. */
    private Duration restoreTimeout = Duration.ofSeconds(10);

    private final Filesystem filesystem = new Filesystem();

    private final Zookeeper zookeeper = new Zookeeper();

    private final Jdbc jdbc = new Jdbc();

    private final Health health = new Health();

    private final Restore restore = new Restore();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getRetain() {
        return retain;
    }

    public void setRetain(int retain) {
        this.retain = retain;
    }

    public String getWriterId() {
        return writerId;
    }

    public void setWriterId(String writerId) {
        this.writerId = writerId;
    }

    public Duration getRestoreTimeout() {
        return restoreTimeout;
    }

    public void setRestoreTimeout(Duration restoreTimeout) {
        this.restoreTimeout = restoreTimeout;
    }

    public Filesystem getFilesystem() {
        return filesystem;
    }

    public Zookeeper getZookeeper() {
        return zookeeper;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Health getHealth() {
        return health;
    }

    public Restore getRestore() {
        return restore;
    }

    /** The kinds of store. */
    public enum StoreType {
        /** ZooKeeper when a ZooKeeper client is configured, the filesystem otherwise. */
        AUTO,
        /** Znodes under a base path, fenced by a compare-and-set of the head. */
        ZOOKEEPER,
        /** Files in a local directory. */
        FILESYSTEM,
        /** Two tables in the application's database. */
        JDBC
    }

    /** The filesystem store. */
    public static class Filesystem {

        /** The directory that holds one sub-directory per checkpoint. */
        private Path directory = Path.of(".steadfast", "checkpoints");

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }
    }

    /** The zookeeper store. */
    public static class Zookeeper {

        /** The znode under which checkpoints are kept. */
        private String basePath = "/steadfast/checkpoints";

        /** The largest envelope kept in a znode; must stay well under the server's jute.maxbuffer (1 MB). */
        private DataSize maxSize = DataSize.ofKilobytes(256);

        /** Directory for states larger than max-size, kept as files behind the ZooKeeper pointer; none if unset. */
        private Path blobDirectory;

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public Path getBlobDirectory() {
            return blobDirectory;
        }

        public void setBlobDirectory(Path blobDirectory) {
            this.blobDirectory = blobDirectory;
        }
    }

    /** The jdbc store. */
    public static class Jdbc {

        /** Whether the store's tables are created at start-up when missing (PostgreSQL and H2 only). */
        private boolean initializeSchema = true;

        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** The health contributor. */
    public static class Health {

        /** How many intervals a written checkpoint may age before health reports it as stale. */
        private int staleAfterIntervals = 3;

        /** Whether a stale checkpoint makes health DOWN rather than only reporting it. */
        private boolean downWhenStale = false;

        public int getStaleAfterIntervals() {
            return staleAfterIntervals;
        }

        public void setStaleAfterIntervals(int staleAfterIntervals) {
            this.staleAfterIntervals = staleAfterIntervals;
        }

        public boolean isDownWhenStale() {
            return downWhenStale;
        }

        public void setDownWhenStale(boolean downWhenStale) {
            this.downWhenStale = downWhenStale;
        }
    }

    /**
     * What a leader does when it cannot restore a checkpoint of its election (a newer schema version than its bean's,
     * a missing upgrader, a missing blob file). It never falls back to an older checkpoint, which would roll back
     * state that another version wrote; it retries, reports the checkpoints health DOWN with the reason, and yields
     * leadership so that an instance that can restore takes over.
     */
    public static class Restore {

        /** How many restore attempts a leader makes in one term before it yields leadership. */
        private int maxAttempts = 3;

        /** How long a leader waits after a failed restore attempt before the next one in the same term. */
        private Duration retryInterval = Duration.ofSeconds(2);

        /**
         * How long a leader that yielded because it could not restore stays out of the election before it joins
         * again; doubled for each further term in a row that fails the same way, up to max-backoff.
         */
        private Duration backoff = Duration.ofSeconds(5);

        /** The longest time a leader that could not restore stays out of the election after a yield. */
        private Duration maxBackoff = Duration.ofMinutes(2);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getRetryInterval() {
            return retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }
}
