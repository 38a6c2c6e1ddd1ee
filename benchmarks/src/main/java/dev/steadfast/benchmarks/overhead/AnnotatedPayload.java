package dev.steadfast.benchmarks.overhead;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;

/** The payload as an application would write it: a Spring bean with Resilience4j annotations, no configuration. */
public class AnnotatedPayload extends Payload {

    @Override
    @CircuitBreaker(name = "bench")
    @Retry(name = "bench")
    @Bulkhead(name = "bench")
    public long compute(long seed) {
        return super.compute(seed);
    }
}
