package dev.steadfast.demo.payment.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A payment for the order exists already, for another amount or currency. */
public class PaymentConflictException extends ErrorResponseException {

    public PaymentConflictException(Payment existing) {
        super(HttpStatus.CONFLICT, problem(existing), null);
    }

    private static ProblemDetail problem(Payment existing) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT,
                "Order " + existing.orderId() + " was already paid with another amount or currency.");
        problem.setTitle("Payment conflict");
        problem.setProperty("paymentId", existing.paymentId());
        return problem;
    }
}
