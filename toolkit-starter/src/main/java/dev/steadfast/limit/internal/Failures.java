package dev.steadfast.limit.internal;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Which failures tell a limit that it is too high: timeouts and refusals by an overloaded dependency (HTTP 429 or
 * 503), anywhere in the cause chain. Other failures say nothing about capacity.
 */
final class Failures {

    private static final boolean REST_CLIENT = ClassUtils.isPresent(
            "org.springframework.web.client.RestClientResponseException", Failures.class.getClassLoader());

    private static final boolean WEB_CLIENT = ClassUtils.isPresent(
            "org.springframework.web.reactive.function.client.WebClientResponseException",
            Failures.class.getClassLoader());

    private Failures() {}

    static boolean isDrop(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof HttpTimeoutException
                    || (REST_CLIENT && RestClientStatus.overloaded(cause))
                    || (WEB_CLIENT && WebClientStatus.overloaded(cause))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean overloaded(int status) {
        return status == 429 || status == 503;
    }

    /** Loaded only when Spring's blocking HTTP clients are on the classpath. */
    private static final class RestClientStatus {

        static boolean overloaded(Throwable failure) {
            return failure instanceof RestClientResponseException response
                    && Failures.overloaded(response.getStatusCode().value());
        }
    }

    /** Loaded only when WebFlux's client is on the classpath. */
    private static final class WebClientStatus {

        static boolean overloaded(Throwable failure) {
            return failure instanceof WebClientResponseException response
                    && Failures.overloaded(response.getStatusCode().value());
        }
    }
}
