package dev.steadfast.limit.internal;

import org.springframework.http.server.PathContainer;

/**
 * What the inbound limiter sees of a request: its path within the application and the value of the priority
 * header, if one is configured and present.
 *
 * @param path the path within the application (without the context path)
 * @param priorityHeader the priority header's value, or {@code null}
 */
public record InboundRequest(PathContainer path, String priorityHeader) {}
