package dev.steadfast.benchmarks.overhead;

/** The small CPU-bound unit of work every variant of the benchmark calls. */
public class Payload {

    /** A few dozen nanoseconds of integer mixing that the JIT cannot fold away. */
    public long compute(long seed) {
        long x = seed;
        for (int i = 0; i < 16; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
