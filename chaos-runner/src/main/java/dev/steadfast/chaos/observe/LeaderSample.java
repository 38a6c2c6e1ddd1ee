package dev.steadfast.chaos.observe;

/**
 * One answer of one instance's {@code /actuator/leader} for its service's election.
 *
 * @param timeMillis when the answer arrived, in milliseconds since the run started
 * @param service the service of the instance
 * @param instanceId the instance that answered
 * @param participantId the participant id the instance reported
 * @param leader whether it reported the role {@code LEADER}
 * @param token its fencing token while leading, or -1
 */
public record LeaderSample(
        long timeMillis, String service, String instanceId, String participantId, boolean leader, long token) {}
