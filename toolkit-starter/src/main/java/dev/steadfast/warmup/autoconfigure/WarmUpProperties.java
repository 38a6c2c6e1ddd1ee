package dev.steadfast.warmup.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests the application sends itself (or, with a service, to another service through its load balancer) after its
 * web server has started and before it reports ready. Safe by
 * default: only {@code GET}, {@code HEAD} and {@code OPTIONS} may be sent as they are; another method is sent only
 * when the request declares the 4xx status it is expected to be refused with (a request that fails validation), and
 * is never sent again once it is answered otherwise.
 */
@ConfigurationProperties("steadfast.warmup")
public class WarmUpProperties {

    /** Whether the configured warm-up requests are sent before the application reports ready. */
    private boolean enabled = true;

    /**
     * The requests to send: to this application's own HTTP port on the loopback address, or, for a request with a
     * service, through the application's {@code @LoadBalanced RestClient.Builder} to an instance of that service.
     */
    private List<Request> requests = new ArrayList<>();

    /** How many times each request is sent. */
    private int iterations = 20;

    /** How many requests are in flight at once (cold paths are also slow under concurrency: locks, pools). */
    private int concurrency = 4;

    /** The longest the warm-up may delay readiness; after it the application reports ready anyway. */
    private Duration timeout = Duration.ofSeconds(30);

    /** How long one warm-up request may take. */
    private Duration requestTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<Request> getRequests() {
        return requests;
    }

    public void setRequests(List<Request> requests) {
        this.requests = requests;
    }

    public int getIterations() {
        return iterations;
    }

    public void setIterations(int iterations) {
        this.iterations = iterations;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /** One warm-up request. */
    public static class Request {

        /**
         * Whether this request is sent; a placeholder here switches one request off in some environments (a list
         * property cannot be overridden entry by entry).
         */
        private boolean enabled = true;

        /** HTTP method; anything but GET, HEAD or OPTIONS needs an expected 4xx status. */
        private String method = "GET";

        /** Path and query, starting with '/' (including the servlet context path, if any). */
        private String path;

        /** Request body, if any. */
        private String body;

        /** Content type of the body. */
        private String contentType = "application/json";

        /**
         * The status the request is expected to get. Unset: any 2xx-4xx answer is fine for GET, HEAD and OPTIONS.
         * Required, and a 4xx, for any other method: such a request must be one the application refuses, so that
         * the warm-up never changes anything.
         */
        private Integer expectedStatus;

        /**
         * The service (its id in discovery) to send this request to, through the application's
         * {@code @LoadBalanced RestClient.Builder} and so its load balancer, to warm the outgoing path; the warm-up
         * waits, within its time limit, until the service has an instance. Unset: the request goes to this
         * application itself.
         */
        private String service;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getMethod() {
            return method;
        }

        public void setMethod(String method) {
            this.method = method;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }

        public String getContentType() {
            return contentType;
        }

        public void setContentType(String contentType) {
            this.contentType = contentType;
        }

        public Integer getExpectedStatus() {
            return expectedStatus;
        }

        public void setExpectedStatus(Integer expectedStatus) {
            this.expectedStatus = expectedStatus;
        }

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }
    }
}
