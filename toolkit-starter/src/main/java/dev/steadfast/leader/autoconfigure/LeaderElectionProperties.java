package dev.steadfast.leader.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of leader election. */
@ConfigurationProperties("steadfast.leader")
public class LeaderElectionProperties {

    /** Whether this application takes part in leader elections when a ZooKeeper client is available. */
    private boolean enabled = true;

    /** The id of this instance in every election; defaults to {@code <spring.application.name>-<host>-<pid>}. */
    private String participantId;

    /** The name of the default election; defaults to {@code spring.application.name}. */
    private String defaultElection;

    /** The ZooKeeper path under which each election keeps its latch, as {@code <root-path>/<election>}. */
    private String rootPath = "/steadfast/leader";

    /**
     * How long a leader keeps acting without a successful round trip to ZooKeeper, on its monotonic clock. Capped
     * at two thirds of the negotiated session timeout, which is also the default, so that a paused or cut-off
     * leader stops before ZooKeeper can expire its session and let another one lead.
     */
    private Duration leaseDuration;

    /** Further elections by name, besides the default one. */
    private Map<String, Election> elections = new LinkedHashMap<>();

    /** Test-only settings that remove a protection on purpose; never set them outside a test. */
    private final TestOnly testOnly = new TestOnly();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getParticipantId() {
        return participantId;
    }

    public void setParticipantId(String participantId) {
        this.participantId = participantId;
    }

    public String getDefaultElection() {
        return defaultElection;
    }

    public void setDefaultElection(String defaultElection) {
        this.defaultElection = defaultElection;
    }

    public String getRootPath() {
        return rootPath;
    }

    public void setRootPath(String rootPath) {
        this.rootPath = rootPath;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Map<String, Election> getElections() {
        return elections;
    }

    public void setElections(Map<String, Election> elections) {
        this.elections = elections;
    }

    public TestOnly getTestOnly() {
        return testOnly;
    }

    /** Test-only settings: each removes a protection, so that a chaos run can prove its checker catches the loss. */
    public static class TestOnly {

        /**
         * Whether a leader keeps acting after its lease has lapsed: {@code isLeader()}, {@code currentToken()} and
         * {@code assertLeader(...)} keep answering as leader, and the term stays open, until the connection or the
         * session is lost. Test-only, never in production: a paused or cut-off leader then writes after ZooKeeper may
         * have let another instance lead. The chaos demo's {@code act-on-lapsed-lease} failpoint turns it on.
         */
        private boolean actOnLapsedLease;

        public boolean isActOnLapsedLease() {
            return actOnLapsedLease;
        }

        public void setActOnLapsedLease(boolean actOnLapsedLease) {
            this.actOnLapsedLease = actOnLapsedLease;
        }
    }

    /** One further election. */
    public static class Election {

        /** Whether this instance takes part in the election. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
