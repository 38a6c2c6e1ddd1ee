package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.BatchRow;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invariant 4: every settlement batch was written with the fencing token of a term ZooKeeper recorded for its writer,
 * tokens never go backwards in batch order, and no two terms were held at once.
 */
final class FencingInvariant {

    /**
     * @param invariant the verdict
     * @param staleWrites batches whose token went backwards, is no term ZooKeeper recorded, or is another writer's
     */
    record Verdict(InvariantResult invariant, long staleWrites) {}

    Verdict check(DatabaseSnapshot db, List<LeadershipTerm> terms) {
        List<BatchRow> batches = new ArrayList<>(db.batches());
        batches.sort(Comparator.comparingLong(BatchRow::batchNumber));
        Map<Long, LeadershipTerm> termOfToken = new HashMap<>();
        terms.forEach(term -> termOfToken.put(term.token(), term));
        Examples examples = new Examples();
        long backwards = 0, noTerm = 0, wrongWriter = 0;
        long highest = Long.MIN_VALUE;
        for (BatchRow batch : batches) {
            if (batch.fencingToken() < highest) {
                backwards++;
                examples.add("stale: batch " + batch.batchNumber() + " written with token " + batch.fencingToken()
                        + " by " + batch.leaderId() + " after a batch of token " + highest);
            }
            highest = Math.max(highest, batch.fencingToken());
            LeadershipTerm term = termOfToken.get(batch.fencingToken());
            if (term == null) {
                noTerm++;
                examples.add("batch " + batch.batchNumber() + " written by " + batch.leaderId() + " with token "
                        + batch.fencingToken() + ", which is no term ZooKeeper recorded");
                continue;
            }
            if (!term.participant().equals(batch.leaderId())) {
                wrongWriter++;
                examples.add("batch " + batch.batchNumber() + " written by " + batch.leaderId() + " with token "
                        + batch.fencingToken() + " of " + term.participant() + "'s term");
            }
        }
        long overlaps = overlappingTerms(terms, examples);
        long staleWrites = backwards + noTerm + wrongWriter;
        InvariantResult invariant = new InvariantResult(
                4,
                "every batch written in its writer's ZooKeeper term, tokens never going backwards; terms never overlap",
                staleWrites == 0 && overlaps == 0,
                "batches=%d terms=%d token_went_backwards=%d token_not_a_term=%d wrong_writer=%d overlapping_terms=%d"
                        .formatted(batches.size(), terms.size(), backwards, noTerm, wrongWriter, overlaps),
                examples.list());
        return new Verdict(invariant, staleWrites);
    }

    /** Terms ZooKeeper held at the same time: two leaders at once, whatever they wrote. */
    private static long overlappingTerms(List<LeadershipTerm> terms, Examples examples) {
        List<LeadershipTerm> byStart = new ArrayList<>(terms);
        byStart.sort(Comparator.comparingLong(LeadershipTerm::beganMillis));
        long overlaps = 0;
        for (int i = 1; i < byStart.size(); i++) {
            LeadershipTerm previous = byStart.get(i - 1);
            LeadershipTerm next = byStart.get(i);
            if (previous.heldAt(next.beganMillis()) && !previous.node().equals(next.node())) {
                overlaps++;
                examples.add("overlap: term " + previous.token() + " of " + previous.participant()
                        + " still held when term " + next.token() + " of " + next.participant() + " began");
            }
        }
        return overlaps;
    }
}
