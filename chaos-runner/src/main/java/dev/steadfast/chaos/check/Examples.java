package dev.steadfast.chaos.check;

import java.util.ArrayList;
import java.util.List;

/** The offending rows or operations an invariant names, at most ten so that a broken run's report stays readable. */
final class Examples {

    private static final int LIMIT = 10;

    private final List<String> examples = new ArrayList<>();

    void add(String example) {
        if (examples.size() < LIMIT) {
            examples.add(example);
        }
    }

    List<String> list() {
        return examples;
    }
}
