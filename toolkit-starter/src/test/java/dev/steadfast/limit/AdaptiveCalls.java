package dev.steadfast.limit;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Calls through adaptive bulkhead instances: {@code tight} (a fixed limit of two) and {@code moving} (Gradient2
 * from 10), with futures that the test completes, so that it decides how long each call holds its permit.
 */
public class AdaptiveCalls {

    @Bulkhead(name = "tight")
    public CompletableFuture<String> holdTight(CompletableFuture<String> completion) {
        return completion;
    }

    @Bulkhead(name = "tight", fallbackMethod = "refused")
    public String tightWithFallback() {
        return "called";
    }

    @Bulkhead(name = "tight")
    public String tight() {
        return "called";
    }

    @Bulkhead(name = "tight")
    public Mono<String> tightMono() {
        return Mono.just("called");
    }

    public String refused(BulkheadFullException refusal) {
        return "fallback:" + refusal.getBulkheadName();
    }

    @Bulkhead(name = "moving")
    public CompletableFuture<String> holdMoving(CompletableFuture<String> completion) {
        return completion;
    }
}
