package dev.steadfast.demo.order.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No order has the id. */
public class OrderNotFoundException extends ErrorResponseException {

    public OrderNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order " + id + ".");
        problem.setTitle("Order not found");
        return problem;
    }
}
