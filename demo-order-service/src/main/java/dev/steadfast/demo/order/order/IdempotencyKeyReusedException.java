package dev.steadfast.demo.order.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An {@code Idempotency-Key} was sent again with a different order. */
public class IdempotencyKeyReusedException extends ErrorResponseException {

    public IdempotencyKeyReusedException(Order existing) {
        super(HttpStatus.CONFLICT, problem(existing), null);
    }

    private static ProblemDetail problem(Order existing) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "The Idempotency-Key was already used for another order.");
        problem.setTitle("Idempotency-Key reused");
        problem.setProperty("orderId", existing.id());
        return problem;
    }
}
