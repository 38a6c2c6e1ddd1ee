package dev.steadfast.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

class TransientFailurePredicateTests {

    private final TransientFailurePredicate transientFailure = new TransientFailurePredicate();

    @Test
    void retriesIoErrorsAndTimeouts() {
        assertThat(transientFailure.test(new IOException("connection reset"))).isTrue();
        assertThat(transientFailure.test(new SocketTimeoutException("read timed out")))
                .isTrue();
        assertThat(transientFailure.test(new TimeoutException())).isTrue();
        assertThat(transientFailure.test(new ExecutionException(new TimeoutException())))
                .isTrue();
        assertThat(transientFailure.test(new ResourceAccessException("I/O error", new IOException())))
                .isTrue();
    }

    @Test
    void retriesServerErrorsAndTooManyRequests() {
        assertThat(transientFailure.test(
                        HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "", null, null, null)))
                .isTrue();
        assertThat(transientFailure.test(
                        HttpServerErrorException.create(HttpStatus.INTERNAL_SERVER_ERROR, "", null, null, null)))
                .isTrue();
        assertThat(transientFailure.test(
                        HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "", null, null, null)))
                .isTrue();
    }

    @Test
    void neverRetriesOtherClientErrors() {
        assertThat(transientFailure.test(HttpClientErrorException.create(HttpStatus.BAD_REQUEST, "", null, null, null)))
                .isFalse();
        assertThat(transientFailure.test(HttpClientErrorException.create(HttpStatus.NOT_FOUND, "", null, null, null)))
                .isFalse();
        assertThat(transientFailure.test(HttpClientErrorException.create(HttpStatus.CONFLICT, "", null, null, null)))
                .isFalse();
    }

    @Test
    void retriesWebClientServerErrorsTooManyRequestsAndRequestFailuresButNotOtherClientErrors() {
        assertThat(transientFailure.test(WebClientResponseException.create(
                        HttpStatus.SERVICE_UNAVAILABLE, "", HttpHeaders.EMPTY, new byte[0], null, null)))
                .isTrue();
        assertThat(transientFailure.test(WebClientResponseException.create(
                        HttpStatus.BAD_GATEWAY, "", HttpHeaders.EMPTY, new byte[0], null, null)))
                .isTrue();
        assertThat(transientFailure.test(WebClientResponseException.create(
                        HttpStatus.TOO_MANY_REQUESTS, "", HttpHeaders.EMPTY, new byte[0], null, null)))
                .isTrue();
        assertThat(transientFailure.test(new WebClientRequestException(
                        new IllegalStateException("connection closed before the response"),
                        HttpMethod.POST,
                        URI.create("http://payment/payments"),
                        HttpHeaders.EMPTY)))
                .isTrue();
        assertThat(transientFailure.test(WebClientResponseException.create(
                        HttpStatus.BAD_REQUEST, "", HttpHeaders.EMPTY, new byte[0], null, null)))
                .isFalse();
        assertThat(transientFailure.test(WebClientResponseException.create(
                        HttpStatus.NOT_FOUND, "", HttpHeaders.EMPTY, new byte[0], null, null)))
                .isFalse();
    }

    @Test
    void neverRetriesRejectionsByResilienceComponents() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("open");
        breaker.transitionToOpenState();
        assertThat(transientFailure.test(CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isFalse();
        assertThat(transientFailure.test(
                        BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("full"))))
                .isFalse();
    }

    @Test
    void neverRetriesProgrammingErrors() {
        assertThat(transientFailure.test(new IllegalArgumentException("bad amount")))
                .isFalse();
        assertThat(transientFailure.test(new NullPointerException())).isFalse();
    }
}
