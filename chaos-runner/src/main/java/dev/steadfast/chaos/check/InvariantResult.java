package dev.steadfast.chaos.check;

import java.util.List;

/**
 * The verdict on one invariant.
 *
 * @param number the invariant's number (1-7)
 * @param title what it promises
 * @param holds whether it held
 * @param counts the figures behind the verdict, {@code name=value} separated by spaces
 * @param examples up to ten offending rows or operations
 */
public record InvariantResult(int number, String title, boolean holds, String counts, List<String> examples) {

    /** The line printed for this invariant. */
    public String line() {
        return String.format("invariant %d %-4s %s: %s", number, holds ? "OK" : "FAIL", title, counts);
    }
}
