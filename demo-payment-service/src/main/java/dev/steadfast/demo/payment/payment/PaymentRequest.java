package dev.steadfast.demo.payment.payment;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * A request to authorize a payment for one order.
 *
 * @param orderId the order's id, a UUID; also the idempotency key of the request
 * @param amount the amount, positive, at most two decimals
 * @param currency the ISO 4217 currency code, three capital letters
 */
public record PaymentRequest(
        @NotNull @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String orderId,
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 15, fraction = 2)
                BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
}
