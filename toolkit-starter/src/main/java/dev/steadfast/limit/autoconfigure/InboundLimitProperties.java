package dev.steadfast.limit.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Load shedding of the service's own HTTP requests by an adaptive concurrency limit. */
@ConfigurationProperties("steadfast.resilience.inbound")
public class InboundLimitProperties extends LimitProperties {

    /**
     * Whether requests over the adaptive limit are shed at once (with the status below, Retry-After and a problem
     * document) instead of queueing for a worker.
     */
    private boolean enabled = false;

    /** Status of a shed request: 503 (the service is overloaded) or 429. */
    private int status = 503;

    /** Retry-After of a shed request, rounded up to whole seconds. */
    private Duration retryAfter = Duration.ofSeconds(1);

    /**
     * Path patterns (as for @RequestMapping, within the application) never shed, besides the actuator's base path
     * and the /livez and /readyz probes, which never are.
     */
    private List<String> excludedPaths = new ArrayList<>();

    /**
     * Order of the filter among the application's servlet filters or WebFlux web filters; the default,
     * Ordered.HIGHEST_PRECEDENCE + 10, runs it before Spring Security's filter chain (-100).
     */
    private int filterOrder = -2147483638;

    /**
     * Header whose value names a request's priority (one of the priorities below; other values are ignored). Only
     * for trusted callers: a client that may set it can claim the critical share.
     */
    private String priorityHeader;

    /** Priority of requests that neither the header nor a path pattern assigns, when priorities are configured. */
    private String defaultPriority = "default";

    /**
     * Priorities by name, each with its share of the limit and its path patterns. Once the limit is reached, each
     * priority may still use its share, so traffic with a large share (critical) is shed last and traffic with a
     * small one first. Empty: no priorities.
     */
    private Map<String, Partition> priorities = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getStatus() {
        return status;
    }

    public void setStatus(int status) {
        this.status = status;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public List<String> getExcludedPaths() {
        return excludedPaths;
    }

    public void setExcludedPaths(List<String> excludedPaths) {
        this.excludedPaths = excludedPaths;
    }

    public int getFilterOrder() {
        return filterOrder;
    }

    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    public String getPriorityHeader() {
        return priorityHeader;
    }

    public void setPriorityHeader(String priorityHeader) {
        this.priorityHeader = priorityHeader;
    }

    public String getDefaultPriority() {
        return defaultPriority;
    }

    public void setDefaultPriority(String defaultPriority) {
        this.defaultPriority = defaultPriority;
    }

    public Map<String, Partition> getPriorities() {
        return priorities;
    }

    public void setPriorities(Map<String, Partition> priorities) {
        this.priorities = priorities;
    }

    /** One priority. */
    public static class Partition {

        /** Share of the limit guaranteed to this priority once the limit is reached, in [0, 1]; shares sum to 1 or less. */
        private double share;

        /** Path patterns (as for @RequestMapping) of requests with this priority, tried in the priorities' order. */
        private List<String> paths = new ArrayList<>();

        public double getShare() {
            return share;
        }

        public void setShare(double share) {
            this.share = share;
        }

        public List<String> getPaths() {
            return paths;
        }

        public void setPaths(List<String> paths) {
            this.paths = paths;
        }
    }
}
