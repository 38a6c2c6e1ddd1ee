package dev.steadfast.demo.order.failpoint;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Test-only: the answer of {@link Failpoint#SHED_AFTER_COMMIT}, shaped like a load shedder's ({@code 503}, {@code
 * Retry-After}, problem details) for an order that was created all the same.
 */
public class FailpointShedException extends ErrorResponseException {

    public FailpointShedException(String orderId) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
        getHeaders().set("Retry-After", "1");
        setDetail("Shed under overload; try again later. (TEST-ONLY failpoint shed-after-commit: order " + orderId
                + " was created.)");
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
        problem.setTitle("Service overloaded");
        return problem;
    }
}
