package dev.steadfast.demo.order.order;

import dev.steadfast.demo.order.failpoint.Failpoint;
import dev.steadfast.demo.order.failpoint.FailpointShedException;
import dev.steadfast.demo.order.failpoint.Failpoints;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The orders API: place an order, look one up, page through them. */
@RestController
@RequestMapping("/orders")
class OrderController {

    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** With the test-only failpoint on, every this many created orders one is answered as shed. */
    private static final int SHED_AFTER_COMMIT_EVERY = 10;

    private final OrderService service;

    private final Failpoints failpoints;

    private final AtomicLong created = new AtomicLong();

    OrderController(OrderService service, Failpoints failpoints) {
        this.service = service;
        this.failpoints = failpoints;
    }

    /**
     * 201 when the payment service decided (PAID or CANCELLED), 202 when the order waits for its payment
     * (PAYMENT_PENDING), 200 with the original order when the {@code Idempotency-Key} was seen before.
     */
    @PostMapping
    ResponseEntity<Order> place(
            @Valid @RequestBody CreateOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false)
                    @Size(min = 1, max = 64)
                    @Pattern(regexp = CreateOrderRequest.TEXT, message = CreateOrderRequest.TEXT_MESSAGE)
                    String idempotencyKey) {
        OrderService.Placement placement = service.place(request, idempotencyKey);
        Order order = placement.order();
        if (!placement.created()) {
            return ResponseEntity.ok(order);
        }
        if (failpoints.on(Failpoint.SHED_AFTER_COMMIT) && created.incrementAndGet() % SHED_AFTER_COMMIT_EVERY == 0) {
            // Test-only: the order exists, yet its client is told that it was shed.
            throw new FailpointShedException(order.id());
        }
        HttpStatus status = (order.status() == OrderStatus.PAYMENT_PENDING) ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
        return ResponseEntity.status(status)
                .location(URI.create("/orders/" + order.id()))
                .body(order);
    }

    @GetMapping("/{id}")
    Order get(@PathVariable @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return service.get(id);
    }

    @GetMapping
    OrderPage list(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(page, size);
    }
}
