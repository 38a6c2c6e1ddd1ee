package dev.steadfast.chaos.check;

import dev.steadfast.chaos.check.DatabaseSnapshot.BatchRow;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invariant 6: no batch was written after ZooKeeper ended its writer's term. A batch's write time is taken after the
 * writer's last leadership check, so a later one means the leader acted past its lease, which is shorter than the
 * session so that this never happens. Only the database fence then stands between such a write and a stale one.
 */
final class TermEndInvariant {

    /**
     * @param invariant the verdict
     * @param writesAfterTermEnd batches written after ZooKeeper had ended the writer's term
     */
    record Verdict(InvariantResult invariant, long writesAfterTermEnd) {}

    private final long epochMillisAtRunStart;

    /**
     * @param epochMillisAtRunStart the wall-clock time at which the run's clock read zero, to place the batches'
     *     write times on the terms' time line
     */
    TermEndInvariant(long epochMillisAtRunStart) {
        this.epochMillisAtRunStart = epochMillisAtRunStart;
    }

    Verdict check(DatabaseSnapshot db, List<LeadershipTerm> terms) {
        Map<Long, LeadershipTerm> termOfToken = new HashMap<>();
        terms.forEach(term -> termOfToken.put(term.token(), term));
        Examples examples = new Examples();
        long afterEnd = 0;
        for (BatchRow batch : db.batches()) {
            LeadershipTerm term = termOfToken.get(batch.fencingToken());
            if (term == null) {
                continue;
            }
            long writtenAt = batch.writtenAtEpochMillis() - epochMillisAtRunStart;
            if (!term.open() && writtenAt > term.endedMillis()) {
                afterEnd++;
                examples.add("late: batch " + batch.batchNumber() + " written by " + batch.leaderId() + " at "
                        + writtenAt + " ms, " + (writtenAt - term.endedMillis())
                        + " ms after ZooKeeper ended its term (" + term.endedBy() + ")");
            }
        }
        InvariantResult invariant = new InvariantResult(
                6,
                "no batch written after ZooKeeper ended its writer's term (leaders act only within their lease)",
                afterEnd == 0,
                "batches=%d writes_after_term_end=%d".formatted(db.batches().size(), afterEnd),
                examples.list());
        return new Verdict(invariant, afterEnd);
    }
}
