package dev.steadfast.demo.payment.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No payment exists for the order. */
public class PaymentNotFoundException extends ErrorResponseException {

    public PaymentNotFoundException(String orderId) {
        super(HttpStatus.NOT_FOUND, problem(orderId), null);
    }

    private static ProblemDetail problem(String orderId) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No payment for order " + orderId + ".");
        problem.setTitle("Payment not found");
        return problem;
    }
}
