package dev.steadfast.chaos.check;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Lookups over database rows that tolerate the missing keys and amounts a broken run may leave. */
final class Rows {

    private Rows() {}

    /** The first row of each non-null key: a duplicate key is another invariant's finding, not a lookup error. */
    static <T> Map<String, T> index(List<T> rows, Function<T, String> key) {
        Map<String, T> map = new HashMap<>();
        rows.stream().filter(row -> key.apply(row) != null).forEach(row -> map.putIfAbsent(key.apply(row), row));
        return map;
    }

    /** Equal in value whatever the scale; a missing amount never matches. */
    static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }
}
