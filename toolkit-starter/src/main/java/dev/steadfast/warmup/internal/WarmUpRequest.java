package dev.steadfast.warmup.internal;

import java.util.Set;

/**
 * One request of the warm-up, checked at start-up.
 *
 * @param method the HTTP method, upper case
 * @param path path and query, starting with '/'
 * @param body the body, {@code null} for none
 * @param contentType the body's content type
 * @param expectedStatus the status it must get, {@code null} for any answer below 500
 * @param service the service to send it to through the load balancer, {@code null} to send it to this application
 */
public record WarmUpRequest(
        String method, String path, String body, String contentType, Integer expectedStatus, String service) {

    /** Methods that cannot change anything (RFC 9110's safe methods), sent without an expected refusal. */
    public static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** Whether the method could change state, so that the request may only be sent as one expected to be refused. */
    public boolean unsafe() {
        return !SAFE_METHODS.contains(method);
    }

    /** Whether the answer is what this request expects. */
    boolean expects(int status) {
        return expectedStatus == null ? status < 500 : status == expectedStatus;
    }

    @Override
    public String toString() {
        return method + " " + (service == null ? "" : "http://" + service) + path;
    }
}
