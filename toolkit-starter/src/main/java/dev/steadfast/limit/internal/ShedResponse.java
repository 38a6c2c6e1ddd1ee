package dev.steadfast.limit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The answer to a shed request, the same for every request: the status (503 or 429), {@code Retry-After} in whole
 * seconds and an RFC 9457 problem as {@code application/problem+json}.
 */
public final class ShedResponse {

    /** The media type of the body. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private final int status;

    private final String retryAfter;

    private final byte[] body;

    /**
     * Creates the response.
     *
     * @param status 503 or 429
     * @param retryAfter when the client may try again; rounded up to whole seconds, at least one
     */
    public ShedResponse(int status, Duration retryAfter) {
        this.status = status;
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        this.retryAfter = Long.toString(seconds);
        String title = HttpStatus.valueOf(status).getReasonPhrase();
        // Only fixed text and numbers: nothing from the request reaches the body, so no escaping is needed.
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"The service is at its concurrency limit and sheds this request; retry after "
                + seconds + " s.\"}";
        this.body = json.getBytes(StandardCharsets.UTF_8);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The {@code Retry-After} header's value, in seconds. */
    public String retryAfter() {
        return retryAfter;
    }

    /** The problem document; a copy, since a reactive response may hand it to a buffer. */
    public byte[] body() {
        return body.clone();
    }
}
