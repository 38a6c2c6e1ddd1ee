package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.BatchRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.BatchTotalRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.ItemRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.OrderRow;
import dev.steadfast.chaos.check.DatabaseSnapshot.PaymentRow;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.load.Outcome;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the seven invariants of a chaos run against the history of operations, the rows of both databases and
 * the payment election's terms as ZooKeeper recorded them. The checker trusts neither the services nor the
 * schema: it recounts everything from the rows, and judges every settlement write against ZooKeeper's record.
 */
public final class Checker {

    private static final int EXAMPLES = 10;

    private final BigDecimal authorizationLimit;
    private final long epochMillisAtRunStart;

    /**
     * @param authorizationLimit the payment service's limit: an order is declined exactly when its amount is over it
     * @param epochMillisAtRunStart the wall-clock time at which the run's clock read zero, to place the batches'
     *     write times on the terms' time line
     */
    public Checker(BigDecimal authorizationLimit, long epochMillisAtRunStart) {
        this.authorizationLimit = authorizationLimit;
        this.epochMillisAtRunStart = epochMillisAtRunStart;
    }

    /**
     * @param history every operation, completed or skipped
     * @param db the rows after the run drained
     * @param paymentTerms the payment election's terms as ZooKeeper recorded them
     */
    public CheckResult check(List<Operation> history, DatabaseSnapshot db, List<LeadershipTerm> paymentTerms) {
        List<InvariantResult> results = new ArrayList<>();
        long[] lost = {0, 0};
        long[] duplicates = {0};
        long[] settlement = {0};
        long[] stale = {0, 0};
        results.add(acknowledgedOrdersAreDurable(history, db, lost));
        results.add(everyOrderPaidOnce(db, duplicates));
        results.add(everyPaymentSettledOnce(db, settlement));
        results.add(noStaleWrites(db, paymentTerms, stale));
        results.add(unknownOutcomesAtMostOnce(history, db));
        results.add(noWritesAfterTermEnd(db, paymentTerms, stale));
        results.add(shedOrdersNeverApplied(history, db));
        long acked = history.stream().filter(Operation::acknowledged).count();
        long shed = history.stream().filter(Operation::shed).count();
        // Shed orders are failed ones that certainly did not take effect; the line names how many of them were shed.
        long failed = shed
                + history.stream().filter(op -> op.outcome() == Outcome.FAIL).count();
        long unknown =
                history.stream().filter(op -> op.outcome() == Outcome.UNKNOWN).count();
        return new CheckResult(
                results,
                history.size(),
                acked,
                failed,
                unknown,
                lost[0],
                lost[1],
                duplicates[0],
                settlement[0],
                stale[0],
                stale[1],
                shed);
    }

    private InvariantResult acknowledgedOrdersAreDurable(List<Operation> history, DatabaseSnapshot db, long[] lost) {
        Map<String, OrderRow> byId = index(db.orders(), OrderRow::id);
        Map<String, OrderRow> byKey = index(db.orders(), OrderRow::idempotencyKey);
        List<String> examples = new ArrayList<>();
        long acked = 0, missing = 0, contradicted = 0, paid = 0, cancelled = 0, invalid = 0;
        for (Operation op : history) {
            if (!op.acknowledged()) {
                continue;
            }
            acked++;
            OrderRow order = op.orderId() != null && byId.containsKey(op.orderId())
                    ? byId.get(op.orderId())
                    : byKey.get(op.idempotencyKey());
            if (order == null) {
                missing++;
                example(
                        examples,
                        "lost: op " + op.index() + " acknowledged " + op.httpStatus() + " order " + op.orderId()
                                + " key " + op.idempotencyKey() + " is not in orders");
                continue;
            }
            if ("PAID".equals(op.orderStatus()) && !"PAID".equals(order.status())) {
                contradicted++;
                example(examples, "lost: order " + order.id() + " was answered PAID, is now " + order.status());
            }
            switch (Objects.toString(order.status(), "")) {
                case "PAID" -> paid++;
                case "CANCELLED" -> cancelled++;
                case "PAYMENT_PENDING" -> {}
                default -> invalid++;
            }
        }
        long pending = db.orders().stream()
                .filter(o -> "PAYMENT_PENDING".equals(o.status()))
                .count();
        db.orders().stream()
                .filter(o -> "PAYMENT_PENDING".equals(o.status()))
                .forEach(o -> example(examples, "stuck: order " + o.id() + " still PAYMENT_PENDING"));
        // Every order, acknowledged or not, must end as its amount decides: any other cancellation is a lost sale.
        long lostSales = 0, paidOverLimit = 0;
        for (OrderRow order : db.orders()) {
            boolean overLimit = order.amount() != null && order.amount().compareTo(authorizationLimit) > 0;
            if ("CANCELLED".equals(order.status()) && !overLimit) {
                lostSales++;
                example(examples, "lost sale: order " + order.id() + " of " + order.amount() + " was cancelled");
            } else if ("PAID".equals(order.status()) && overLimit) {
                paidOverLimit++;
                example(examples, "over limit: order " + order.id() + " of " + order.amount() + " was paid");
            }
        }
        lost[0] = missing + contradicted;
        lost[1] = lostSales + paidOverLimit;
        boolean holds = lost[0] == 0 && lost[1] == 0 && pending == 0 && invalid == 0;
        return new InvariantResult(
                1,
                "every acknowledged order exists; every order ends PAID, or CANCELLED exactly when over the limit",
                holds,
                ("acknowledged=%d paid=%d cancelled=%d missing=%d paid_then_unpaid=%d pending=%d invalid_status=%d"
                                + " lost_sales=%d paid_over_limit=%d")
                        .formatted(
                                acked,
                                paid,
                                cancelled,
                                missing,
                                contradicted,
                                pending,
                                invalid,
                                lostSales,
                                paidOverLimit),
                examples);
    }

    private InvariantResult everyOrderPaidOnce(DatabaseSnapshot db, long[] duplicates) {
        Map<String, OrderRow> orders = index(db.orders(), OrderRow::id);
        Map<String, List<PaymentRow>> byOrder =
                db.payments().stream().collect(Collectors.groupingBy(p -> Objects.toString(p.orderId(), "")));
        List<String> examples = new ArrayList<>();
        long extra = 0, orphans = 0, unpaid = 0, charged = 0, mismatched = 0;
        for (Map.Entry<String, List<PaymentRow>> entry : byOrder.entrySet()) {
            List<PaymentRow> payments = entry.getValue();
            if (payments.size() > 1) {
                extra += payments.size() - 1;
                example(
                        examples,
                        "duplicate: order " + entry.getKey() + " has " + payments.size() + " payments "
                                + payments.stream().map(PaymentRow::id).toList());
            }
            OrderRow order = orders.get(entry.getKey());
            if (order == null) {
                orphans += payments.size();
                example(examples, "orphan: payment " + payments.get(0).id() + " for unknown order " + entry.getKey());
                continue;
            }
            for (PaymentRow payment : payments) {
                if (!sameAmount(order.amount(), payment.amount())
                        || !Objects.equals(order.currency(), payment.currency())) {
                    mismatched++;
                    example(
                            examples,
                            "amount: order " + order.id() + " " + order.amount() + " " + order.currency() + " paid "
                                    + payment.amount() + " " + payment.currency());
                }
            }
        }
        for (OrderRow order : db.orders()) {
            long authorized = byOrder.getOrDefault(order.id(), List.of()).stream()
                    .filter(p -> "AUTHORIZED".equals(p.status()))
                    .count();
            if ("PAID".equals(order.status()) && authorized == 0) {
                unpaid++;
                example(examples, "unpaid: order " + order.id() + " is PAID without an authorized payment");
            }
            if ("CANCELLED".equals(order.status()) && authorized > 0) {
                charged++;
                example(examples, "charged: order " + order.id() + " is CANCELLED but its payment is AUTHORIZED");
            }
        }
        duplicates[0] = extra;
        boolean holds = extra == 0 && orphans == 0 && unpaid == 0 && charged == 0 && mismatched == 0;
        return new InvariantResult(
                2,
                "no order has more than one payment, no payment lacks its order, amounts match",
                holds,
                "payments=%d duplicate_payments=%d orphan_payments=%d paid_without_payment=%d cancelled_but_charged=%d amount_mismatches=%d"
                        .formatted(db.payments().size(), extra, orphans, unpaid, charged, mismatched),
                examples);
    }

    private InvariantResult everyPaymentSettledOnce(DatabaseSnapshot db, long[] errors) {
        Map<String, PaymentRow> payments = index(db.payments(), PaymentRow::id);
        Map<String, Long> settledCount =
                db.items().stream().collect(Collectors.groupingBy(ItemRow::paymentId, Collectors.counting()));
        Set<Long> batchNumbers =
                db.batches().stream().map(BatchRow::batchNumber).collect(Collectors.toSet());
        List<String> examples = new ArrayList<>();
        long unsettled = 0, twice = 0, badItems = 0, gaps = 0, countMismatch = 0, totalMismatch = 0;
        for (PaymentRow payment : db.payments()) {
            long count = settledCount.getOrDefault(payment.id(), 0L);
            if ("AUTHORIZED".equals(payment.status()) && count == 0) {
                unsettled++;
                example(examples, "unsettled: payment " + payment.id());
            } else if (count > 1) {
                twice += count - 1;
                example(examples, "settled " + count + " times: payment " + payment.id());
            }
        }
        for (ItemRow item : db.items()) {
            PaymentRow payment = payments.get(item.paymentId());
            if (payment == null
                    || !"AUTHORIZED".equals(payment.status())
                    || !batchNumbers.contains(item.batchNumber())) {
                badItems++;
                example(examples, "bad item: batch " + item.batchNumber() + " payment " + item.paymentId());
            }
        }
        if (!batchNumbers.isEmpty()) {
            long min = batchNumbers.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = batchNumbers.stream().mapToLong(Long::longValue).max().orElseThrow();
            gaps = (max - min + 1) - batchNumbers.size();
            if (gaps > 0) {
                example(examples, "batch numbers " + min + ".." + max + " miss " + gaps);
            }
        }
        Map<Long, List<ItemRow>> itemsByBatch =
                db.items().stream().collect(Collectors.groupingBy(ItemRow::batchNumber));
        for (BatchRow batch : db.batches()) {
            List<ItemRow> items = itemsByBatch.getOrDefault(batch.batchNumber(), List.of());
            if (batch.paymentCount() != items.size()) {
                countMismatch++;
                example(
                        examples,
                        "batch " + batch.batchNumber() + " says " + batch.paymentCount() + " payments, has "
                                + items.size());
            }
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
            for (String currency : currencies) {
                BatchTotalRow total = totals.get(currency);
                BigDecimal want = expected.getOrDefault(currency, BigDecimal.ZERO);
                if (total == null
                        || !sameAmount(total.total(), want)
                        || total.paymentCount() != expectedCount.getOrDefault(currency, 0)) {
                    totalMismatch++;
                    example(
                            examples,
                            "batch " + batch.batchNumber() + " " + currency + " total "
                                    + (total == null ? "missing" : total.total() + "/" + total.paymentCount())
                                    + ", payments sum "
                                    + want + "/" + expectedCount.getOrDefault(currency, 0));
                }
            }
        }
        errors[0] = unsettled + twice + badItems + gaps + countMismatch + totalMismatch;
        return new InvariantResult(
                3,
                "every authorized payment is in exactly one batch; batches contiguous and balanced",
                errors[0] == 0,
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
                examples);
    }

    private InvariantResult noStaleWrites(DatabaseSnapshot db, List<LeadershipTerm> terms, long[] stale) {
        List<BatchRow> batches = new ArrayList<>(db.batches());
        batches.sort(Comparator.comparingLong(BatchRow::batchNumber));
        Map<Long, LeadershipTerm> termOfToken = new HashMap<>();
        terms.forEach(term -> termOfToken.put(term.token(), term));
        List<String> examples = new ArrayList<>();
        long backwards = 0, noTerm = 0, wrongWriter = 0;
        long highest = Long.MIN_VALUE;
        for (BatchRow batch : batches) {
            if (batch.fencingToken() < highest) {
                backwards++;
                example(
                        examples,
                        "stale: batch " + batch.batchNumber() + " written with token " + batch.fencingToken() + " by "
                                + batch.leaderId() + " after a batch of token " + highest);
            }
            highest = Math.max(highest, batch.fencingToken());
            LeadershipTerm term = termOfToken.get(batch.fencingToken());
            if (term == null) {
                noTerm++;
                example(
                        examples,
                        "batch " + batch.batchNumber() + " written by " + batch.leaderId() + " with token "
                                + batch.fencingToken() + ", which is no term ZooKeeper recorded");
                continue;
            }
            if (!term.participant().equals(batch.leaderId())) {
                wrongWriter++;
                example(
                        examples,
                        "batch " + batch.batchNumber() + " written by " + batch.leaderId() + " with token "
                                + batch.fencingToken() + " of " + term.participant() + "'s term");
            }
        }
        long overlaps = overlappingTerms(terms, examples);
        stale[0] = backwards + noTerm + wrongWriter;
        return new InvariantResult(
                4,
                "every batch written in its writer's ZooKeeper term, tokens never going backwards; terms never overlap",
                stale[0] == 0 && overlaps == 0,
                "batches=%d terms=%d token_went_backwards=%d token_not_a_term=%d wrong_writer=%d overlapping_terms=%d"
                        .formatted(batches.size(), terms.size(), backwards, noTerm, wrongWriter, overlaps),
                examples);
    }

    /**
     * A batch whose write time (taken after the writer's last leadership check) lies after ZooKeeper ended the
     * writer's term: the leader acted past its lease, which is shorter than the session so that this never happens.
     * Only the database fence then stands between such a write and a stale one.
     */
    private InvariantResult noWritesAfterTermEnd(DatabaseSnapshot db, List<LeadershipTerm> terms, long[] stale) {
        Map<Long, LeadershipTerm> termOfToken = new HashMap<>();
        terms.forEach(term -> termOfToken.put(term.token(), term));
        List<String> examples = new ArrayList<>();
        long afterEnd = 0;
        for (BatchRow batch : db.batches()) {
            LeadershipTerm term = termOfToken.get(batch.fencingToken());
            if (term == null) {
                continue;
            }
            long writtenAt = batch.writtenAtEpochMillis() - epochMillisAtRunStart;
            if (!term.open() && writtenAt > term.endedMillis()) {
                afterEnd++;
                example(
                        examples,
                        "late: batch " + batch.batchNumber() + " written by " + batch.leaderId() + " at "
                                + writtenAt + " ms, " + (writtenAt - term.endedMillis())
                                + " ms after ZooKeeper ended its term (" + term.endedBy() + ")");
            }
        }
        stale[1] = afterEnd;
        return new InvariantResult(
                6,
                "no batch written after ZooKeeper ended its writer's term (leaders act only within their lease)",
                afterEnd == 0,
                "batches=%d writes_after_term_end=%d".formatted(db.batches().size(), afterEnd),
                examples);
    }

    /**
     * A shed answer claims that the service refused the order before doing anything: no order with its key may exist,
     * and no payment for such an order. An order created and then answered as shed would be charged while its client
     * was told to try again later.
     */
    private InvariantResult shedOrdersNeverApplied(List<Operation> history, DatabaseSnapshot db) {
        Map<String, OrderRow> byKey = index(db.orders(), OrderRow::idempotencyKey);
        Set<String> chargedOrders = db.payments().stream()
                .filter(p -> "AUTHORIZED".equals(p.status()))
                .map(PaymentRow::orderId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<String> examples = new ArrayList<>();
        long shed = 0, created = 0, charged = 0;
        for (Operation op : history) {
            if (!op.shed()) {
                continue;
            }
            shed++;
            OrderRow order = byKey.get(op.idempotencyKey());
            if (order == null) {
                continue;
            }
            created++;
            boolean paid = chargedOrders.contains(order.id());
            charged += paid ? 1 : 0;
            example(
                    examples,
                    "shed but applied: op " + op.index() + " answered " + op.httpStatus() + " has order " + order.id()
                            + " (" + order.status() + (paid ? ", charged" : "") + ")");
        }
        return new InvariantResult(
                7,
                "orders shed under overload (429, or 503 with Retry-After) were never created nor charged",
                created == 0,
                "shed=%d shed_but_created=%d shed_but_charged=%d".formatted(shed, created, charged),
                examples);
    }

    /** Terms ZooKeeper held at the same time: two leaders at once, whatever they wrote. */
    private static long overlappingTerms(List<LeadershipTerm> terms, List<String> examples) {
        List<LeadershipTerm> byStart = new ArrayList<>(terms);
        byStart.sort(Comparator.comparingLong(LeadershipTerm::beganMillis));
        long overlaps = 0;
        for (int i = 1; i < byStart.size(); i++) {
            LeadershipTerm previous = byStart.get(i - 1);
            LeadershipTerm next = byStart.get(i);
            if (previous.heldAt(next.beganMillis()) && !previous.node().equals(next.node())) {
                overlaps++;
                example(
                        examples,
                        "overlap: term " + previous.token() + " of " + previous.participant() + " still held when term "
                                + next.token() + " of " + next.participant() + " began");
            }
        }
        return overlaps;
    }

    private InvariantResult unknownOutcomesAtMostOnce(List<Operation> history, DatabaseSnapshot db) {
        Map<String, Long> ordersPerKey = db.orders().stream()
                .filter(o -> o.idempotencyKey() != null)
                .collect(Collectors.groupingBy(OrderRow::idempotencyKey, Collectors.counting()));
        Set<String> invokedKeys =
                history.stream().map(Operation::idempotencyKey).collect(Collectors.toSet());
        List<String> examples = new ArrayList<>();
        long unknown = 0, unknownPresent = 0, repeated = 0, failedPresent = 0, phantoms = 0;
        for (Operation op : history) {
            long present = ordersPerKey.getOrDefault(op.idempotencyKey(), 0L);
            if (present > 1) {
                repeated++;
                example(examples, "key " + op.idempotencyKey() + " (" + op.outcome() + ") has " + present + " orders");
            }
            if (op.outcome() == Outcome.UNKNOWN) {
                unknown++;
                unknownPresent += present > 0 ? 1 : 0;
            } else if (op.outcome() == Outcome.FAIL && present > 0) {
                failedPresent++;
                example(examples, "failed op " + op.index() + " key " + op.idempotencyKey() + " took effect anyway");
            }
        }
        for (String key : ordersPerKey.keySet()) {
            if (!invokedKeys.contains(key)) {
                phantoms++;
                example(examples, "phantom: order with key " + key + " that no client sent");
            }
        }
        boolean holds = repeated == 0 && failedPresent == 0 && phantoms == 0;
        return new InvariantResult(
                5,
                "operations with an unknown outcome are present at most once",
                holds,
                "unknown=%d unknown_present=%d applied_twice=%d failed_but_present=%d phantom_orders=%d"
                        .formatted(unknown, unknownPresent, repeated, failedPresent, phantoms),
                examples);
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }

    private static <T> Map<String, T> index(List<T> rows, Function<T, String> key) {
        Map<String, T> map = new HashMap<>();
        rows.stream().filter(row -> key.apply(row) != null).forEach(row -> map.putIfAbsent(key.apply(row), row));
        return map;
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }
}
