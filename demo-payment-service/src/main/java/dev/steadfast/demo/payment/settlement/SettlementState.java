package dev.steadfast.demo.payment.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checkpointed state of settlement: where the cursor stands, the last batch written and the running totals.
 *
 * @param lastBatchNumber the number of the last batch written, 0 before the first
 * @param cursor the creation time of the newest payment settled so far, or {@code null} before the first batch
 * @param settledCount how many payments were settled in all batches
 * @param totals the settled amount per currency over all batches
 */
public record SettlementState(long lastBatchNumber, Instant cursor, long settledCount, Map<String, BigDecimal> totals) {

    public SettlementState {
        totals = Collections.unmodifiableMap(new TreeMap<>((totals != null) ? totals : Map.of()));
    }

    /** The state before any batch. */
    public static SettlementState initial() {
        return new SettlementState(0, null, 0, Map.of());
    }

    /** The state after one more batch made of {@code items}. */
    SettlementState after(long batchNumber, List<UnsettledPayment> items) {
        Map<String, BigDecimal> newTotals = new TreeMap<>(totals);
        Instant newCursor = cursor;
        for (UnsettledPayment item : items) {
            newTotals.merge(item.currency(), item.amount(), BigDecimal::add);
            if (newCursor == null || item.createdAt().isAfter(newCursor)) {
                newCursor = item.createdAt();
            }
        }
        return new SettlementState(batchNumber, newCursor, settledCount + items.size(), newTotals);
    }
}
