package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.BatchRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.BatchTotalRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.ItemRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.PaymentRow;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Invariant 3: every authorized payment is settled in exactly one batch, batch numbers have no gaps, and each batch's
 * counts and per-currency totals agree with the payments it holds.
 */
final class SettlementInvariant {

    /**
     * @param invariant the verdict
     * @param errors unsettled or twice-settled payments, bad items, gaps, and unbalanced batches
     */
    record Verdict(InvariantResult invariant, long errors) {}

    Verdict check(DatabaseSnapshot db) {
        Map<String, PaymentRow> payments = Rows.index(db.payments(), PaymentRow::id);
        Map<String, Long> settledCount =
                db.items().stream().collect(Collectors.groupingBy(ItemRow::paymentId, Collectors.counting()));
        Set<Long> batchNumbers =
                db.batches().stream().map(BatchRow::batchNumber).collect(Collectors.toSet());
        Examples examples = new Examples();
        long unsettled = 0, twice = 0, badItems = 0, gaps = 0, countMismatch = 0, totalMismatch = 0;
        for (PaymentRow payment : db.payments()) {
            long count = settledCount.getOrDefault(payment.id(), 0L);
            if ("AUTHORIZED".equals(payment.status()) && count == 0) {
                unsettled++;
                examples.add("unsettled: payment " + payment.id());
            } else if (count > 1) {
                twice += count - 1;
                examples.add("settled " + count + " times: payment " + payment.id());
            }
        }
        for (ItemRow item : db.items()) {
            PaymentRow payment = payments.get(item.paymentId());
            if (payment == null
                    || !"AUTHORIZED".equals(payment.status())
                    || !batchNumbers.contains(item.batchNumber())) {
                badItems++;
                examples.add("bad item: batch " + item.batchNumber() + " payment " + item.paymentId());
            }
        }
        if (!batchNumbers.isEmpty()) {
            long min = batchNumbers.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = batchNumbers.stream().mapToLong(Long::longValue).max().orElseThrow();
            gaps = (max - min + 1) - batchNumbers.size();
            if (gaps > 0) {
                examples.add("batch numbers " + min + ".." + max + " miss " + gaps);
            }
        }
        Map<Long, List<ItemRow>> itemsByBatch =
                db.items().stream().collect(Collectors.groupingBy(ItemRow::batchNumber));
        for (BatchRow batch : db.batches()) {
            List<ItemRow> items = itemsByBatch.getOrDefault(batch.batchNumber(), List.of());
            if (batch.paymentCount() != items.size()) {
                countMismatch++;
                examples.add("batch " + batch.batchNumber() + " says " + batch.paymentCount() + " payments, has "
                        + items.size());
            }
            totalMismatch += unbalancedCurrencies(db, batch, items, payments, examples);
        }
        long errors = unsettled + twice + badItems + gaps + countMismatch + totalMismatch;
        InvariantResult invariant = new InvariantResult(
                3,
                "every authorized payment is in exactly one batch; batches contiguous and balanced",
                errors == 0,
                "batches=%d settled_items=%d unsettled=%d settled_twice=%d bad_items=%d batch_gaps=%d count_mismatches=%d total_mismatches=%d"
                        .formatted(
                                db.batches().size(),
                                db.items().size(),
                                unsettled,
                                twice,
                                badItems,
                                gaps,
                                countMismatch,
                                totalMismatch),
                examples.list());
        return new Verdict(invariant, errors);
    }

    /** Currencies whose total row is missing, or disagrees with the sum and count of the batch's payments. */
    private static long unbalancedCurrencies(
            DatabaseSnapshot db,
            BatchRow batch,
            List<ItemRow> items,
            Map<String, PaymentRow> payments,
            Examples examples) {
        Map<String, BigDecimal> expected = new HashMap<>();
        Map<String, Integer> expectedCount = new HashMap<>();
        for (ItemRow item : items) {
            PaymentRow payment = payments.get(item.paymentId());
            if (payment != null) {
                expected.merge(payment.currency(), payment.amount(), BigDecimal::add);
                expectedCount.merge(payment.currency(), 1, Integer::sum);
            }
        }
        Map<String, BatchTotalRow> totals = db.totals().stream()
                .filter(t -> t.batchNumber() == batch.batchNumber())
                .collect(Collectors.toMap(BatchTotalRow::currency, Function.identity(), (a, b) -> a));
        Set<String> currencies = new HashSet<>(expected.keySet());
        currencies.addAll(totals.keySet());
        long unbalanced = 0;
        for (String currency : currencies) {
            BatchTotalRow total = totals.get(currency);
            BigDecimal want = expected.getOrDefault(currency, BigDecimal.ZERO);
            if (total == null
                    || !Rows.sameAmount(total.total(), want)
                    || total.paymentCount() != expectedCount.getOrDefault(currency, 0)) {
                unbalanced++;
                examples.add("batch " + batch.batchNumber() + " " + currency + " total "
                        + (total == null ? "missing" : total.total() + "/" + total.paymentCount())
                        + ", payments sum "
                        + want + "/" + expectedCount.getOrDefault(currency, 0));
            }
        }
        return unbalanced;
    }
}
