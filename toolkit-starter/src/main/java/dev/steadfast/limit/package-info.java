/**
 * Adaptive concurrency limits: outbound, an adaptive bulkhead per Resilience4j bulkhead instance, served by the
 * resilience fast path; inbound, load shedding of the service's own HTTP requests. The limits follow measured
 * latency with Netflix's {@code concurrency-limits} algorithms (Gradient2, Vegas, AIMD). The public API is the
 * limiter as the fast path sees it and the choice of algorithm; the rest lives in {@code internal},
 * {@code autoconfigure} and {@code metrics}.
 */
package dev.steadfast.limit;
