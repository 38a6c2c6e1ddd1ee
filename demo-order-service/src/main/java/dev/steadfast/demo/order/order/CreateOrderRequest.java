package dev.steadfast.demo.order.order;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A request to place an order.
 *
 * @param customerId the customer, at most 64 characters and no control characters (a NUL byte could not even be
 *     stored in PostgreSQL)
 * @param amount the amount, positive, at most two decimals
 * @param currency the ISO 4217 currency code, three capital letters
 */
public record CreateOrderRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String customerId,
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 15, fraction = 2)
                BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    /** Free text of this API: anything but control characters (C0, DEL and C1). */
    static final String TEXT = "[^\\p{Cc}]*";

    static final String TEXT_MESSAGE = "must not contain control characters";
}
