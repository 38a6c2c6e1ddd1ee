package dev.steadfast.demo.payment.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A written settlement batch, as listed by {@code GET /settlements}.
 *
 * @param batchNumber the batch's number; numbers are contiguous from 1
 * @param fencingToken the token of the leadership term that wrote it
 * @param leaderId the instance that wrote it
 * @param paymentCount how many payments it covers
 * @param createdAt when it was written
 * @param totals the totals per currency
 */
public record SettlementBatch(
        long batchNumber,
        long fencingToken,
        String leaderId,
        int paymentCount,
        Instant createdAt,
        List<CurrencyTotal> totals) {

    /**
     * The sum of one currency's payments in a batch.
     *
     * @param currency the currency
     * @param total the sum
     * @param paymentCount how many payments of that currency
     */
    public record CurrencyTotal(String currency, BigDecimal total, int paymentCount) {}
}
