package dev.steadfast.demo.order.payment;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

/**
 * Calls the payment service. In Steadfast's aspect order the circuit breaker wraps the retry, which wraps the
 * bulkhead, so one call is one breaker outcome; the read timeout of the underlying HTTP client is the time limit
 * of each attempt. Failures surface as exceptions: the caller decides
 * what an unavailable payment service means for the order.
 */
public class PaymentClient {

    private static final String INSTANCE = "payment";

    private final RestClient restClient;

    public PaymentClient(RestClient restClient) {
        this.restClient = restClient;
    }

    /**
     * Asks the payment service to authorize a payment; safe to repeat, since the order id is the idempotency key.
     *
     * @throws PaymentRejectedException if the payment service refused the request itself
     * @throws RuntimeException if the payment service could not be reached or gave no usable answer
     */
    @CircuitBreaker(name = INSTANCE)
    @Retry(name = INSTANCE)
    @Bulkhead(name = INSTANCE)
    public PaymentResult authorize(PaymentCommand command) {
        PaymentResponse response = restClient
                .post()
                .uri("/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .body(command)
                .retrieve()
                .onStatus(PaymentClient::isRefusal, (request, clientResponse) -> {
                    String detail = StreamUtils.copyToString(clientResponse.getBody(), StandardCharsets.UTF_8);
                    throw new PaymentRejectedException(
                            clientResponse.getStatusCode().value(), detail);
                })
                .body(PaymentResponse.class);
        return toResult(command, response);
    }

    /** A 4xx that repeating cannot fix; 408 and 429 are worth another try. */
    private static boolean isRefusal(HttpStatusCode status) {
        return status.is4xxClientError() && status.value() != 408 && status.value() != 429;
    }

    private static PaymentResult toResult(PaymentCommand command, PaymentResponse response) {
        if (response == null || response.paymentId() == null || response.status() == null) {
            throw new InvalidPaymentResponseException("Payment response without paymentId or status: " + response);
        }
        if (!command.orderId().equalsIgnoreCase(response.orderId())) {
            throw new InvalidPaymentResponseException(
                    "Payment response for order " + response.orderId() + " instead of " + command.orderId());
        }
        return switch (response.status()) {
            case "AUTHORIZED" -> new PaymentResult(response.paymentId(), true);
            case "DECLINED" -> new PaymentResult(response.paymentId(), false);
            default -> throw new InvalidPaymentResponseException("Unknown payment status " + response.status());
        };
    }

    /** The fields of the payment service's answer that the order service uses. */
    record PaymentResponse(String paymentId, String orderId, String status) {}
}
