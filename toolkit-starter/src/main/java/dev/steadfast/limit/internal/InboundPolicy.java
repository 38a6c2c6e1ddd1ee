package dev.steadfast.limit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which inbound requests are never shed (actuator, probes, configured paths) and which priority the others have:
 * the priority header's value when it names a priority, else the first priority with a matching path pattern, else
 * the default priority.
 */
public final class InboundPolicy {

    private final List<PathPattern> excluded;

    private final String priorityHeaderName;

    private final Map<String, List<PathPattern>> priorityPaths;

    private final String defaultPriority;

    /**
     * Creates the policy.
     *
     * @param excluded path patterns (as for {@code @RequestMapping}) never shed
     * @param priorityHeaderName the header whose value names a request's priority, or {@code null}
     * @param priorityPaths each priority's path patterns, in the order they are tried; empty without priorities
     * @param defaultPriority the priority of the other requests ({@link AdaptiveLimiter#NO_PRIORITY} without
     *     priorities)
     */
    public InboundPolicy(
            List<String> excluded,
            String priorityHeaderName,
            Map<String, List<String>> priorityPaths,
            String defaultPriority) {
        this.excluded = excluded.stream().map(InboundPolicy::parse).toList();
        this.priorityHeaderName = priorityHeaderName;
        Map<String, List<PathPattern>> parsed = new LinkedHashMap<>();
        priorityPaths.forEach((priority, patterns) ->
                parsed.put(priority, patterns.stream().map(InboundPolicy::parse).toList()));
        this.priorityPaths = parsed;
        this.defaultPriority = defaultPriority;
    }

    private static PathPattern parse(String pattern) {
        return PathPatternParser.defaultInstance.parse(PathPatternParser.defaultInstance.initFullPathPattern(pattern));
    }

    /**
     * What the limiter sees of a request, or empty when the request is never shed: both filters classify through
     * here, so that exclusions and the priority header mean the same on a servlet and a reactive server.
     *
     * @param path the path within the application (without the context path)
     * @param headers the request's first value of a header by name, {@code null} when the header is absent; asked
     *     only for the priority header, and only when the request may be shed
     */
    public Optional<InboundRequest> classify(PathContainer path, UnaryOperator<String> headers) {
        if (isExcluded(path)) {
            return Optional.empty();
        }
        String header = priorityHeaderName != null ? headers.apply(priorityHeaderName) : null;
        return Optional.of(new InboundRequest(path, header));
    }

    private boolean isExcluded(PathContainer path) {
        for (PathPattern pattern : excluded) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The request's priority. */
    public String priorityOf(InboundRequest request) {
        if (priorityPaths.isEmpty()) {
            return defaultPriority;
        }
        String header = request.priorityHeader();
        if (header != null && priorityPaths.containsKey(header.trim())) {
            return header.trim();
        }
        for (Map.Entry<String, List<PathPattern>> priority : priorityPaths.entrySet()) {
            for (PathPattern pattern : priority.getValue()) {
                if (pattern.matches(request.path())) {
                    return priority.getKey();
                }
            }
        }
        return defaultPriority;
    }
}
