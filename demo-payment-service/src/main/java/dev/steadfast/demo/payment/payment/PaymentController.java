package dev.steadfast.demo.payment.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The payments API: authorize, look up by order, list the recent ones. */
@RestController
@RequestMapping("/payments")
class PaymentController {

    private final PaymentService service;

    PaymentController(PaymentService service) {
        this.service = service;
    }

    /** 201 with the new payment, or 200 with the original one when the same request was made before. */
    @PostMapping
    ResponseEntity<Payment> authorize(@Valid @RequestBody PaymentRequest request) {
        PaymentService.Authorization authorization = service.authorize(request);
        Payment payment = authorization.payment();
        if (authorization.created()) {
            return ResponseEntity.created(URI.create("/payments/" + payment.orderId()))
                    .body(payment);
        }
        return ResponseEntity.ok(payment);
    }

    @GetMapping("/{orderId}")
    Payment get(
            @PathVariable @Pattern(regexp = PaymentRequest.UUID_PATTERN, message = "must be a UUID") String orderId) {
        return service.get(orderId);
    }

    @GetMapping
    List<Payment> recent(@RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit) {
        return service.recent(limit);
    }
}
