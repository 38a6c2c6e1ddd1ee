package dev.steadfast.resilience;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Decides whether a failure is transient and therefore worth retrying: I/O errors, timeouts, HTTP 5xx and
 * HTTP 429 (from {@code RestClient}/{@code RestTemplate} and from {@code WebClient}) are; other HTTP 4xx, rejections
 * by a circuit breaker, bulkhead or rate limiter, and everything else are not.
 *
 * <p>It is the default {@code retry-exception-predicate} of every retry instance. Reference it by class name
 * from {@code resilience4j.retry.instances.<name>.retry-exception-predicate} to keep it when customising an
 * instance. Stateless and thread-safe.
 */
public class TransientFailurePredicate implements Predicate<Throwable> {

    private static final boolean SPRING_WEB_PRESENT = ClassUtils.isPresent(
            "org.springframework.web.client.RestClientResponseException",
            TransientFailurePredicate.class.getClassLoader());

    private static final boolean WEB_CLIENT_PRESENT = ClassUtils.isPresent(
            "org.springframework.web.reactive.function.client.WebClientResponseException",
            TransientFailurePredicate.class.getClassLoader());

    // Bounds the walk down the cause chain; real chains are a handful deep.
    private static final int MAX_CAUSE_DEPTH = 16;

    private static final int TOO_MANY_REQUESTS = 429;

    @Override
    public boolean test(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            Verdict verdict = judge(current);
            if (verdict != Verdict.UNKNOWN) {
                return verdict == Verdict.TRANSIENT;
            }
            current = current.getCause();
        }
        return false;
    }

    private static Verdict judge(Throwable failure) {
        if (failure instanceof CallNotPermittedException
                || failure instanceof BulkheadFullException
                || failure instanceof RequestNotPermitted) {
            // Local rejections: retrying only adds load to a protection that is already saying no.
            return Verdict.PERMANENT;
        }
        if (failure instanceof IOException || failure instanceof TimeoutException) {
            return Verdict.TRANSIENT;
        }
        Verdict verdict = SPRING_WEB_PRESENT ? SpringWeb.judge(failure) : Verdict.UNKNOWN;
        return verdict == Verdict.UNKNOWN && WEB_CLIENT_PRESENT ? WebClientFailures.judge(failure) : verdict;
    }

    private static Verdict byStatus(int status) {
        return (status >= 500 || status == TOO_MANY_REQUESTS) ? Verdict.TRANSIENT : Verdict.PERMANENT;
    }

    private enum Verdict {
        TRANSIENT,
        PERMANENT,
        UNKNOWN
    }

    /** Kept apart so that the class loads without spring-web on the classpath. */
    private static final class SpringWeb {

        static Verdict judge(Throwable failure) {
            if (failure instanceof RestClientResponseException response) {
                return byStatus(response.getStatusCode().value());
            }
            if (failure instanceof ResourceAccessException) {
                return Verdict.TRANSIENT;
            }
            return Verdict.UNKNOWN;
        }
    }

    /** Kept apart so that the class loads without spring-webflux on the classpath. */
    private static final class WebClientFailures {

        static Verdict judge(Throwable failure) {
            if (failure instanceof WebClientResponseException response) {
                return byStatus(response.getStatusCode().value());
            }
            if (failure instanceof WebClientRequestException) {
                // The request could not be sent or its answer not read: WebClient's ResourceAccessException.
                return Verdict.TRANSIENT;
            }
            return Verdict.UNKNOWN;
        }
    }
}
