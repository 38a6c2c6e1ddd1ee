package dev.steadfast.chaos.observe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report takes from one scrape of one instance's {@code /actuator/prometheus}.
 *
 * @param timeMillis when the answer arrived, in milliseconds since the run started
 * @param service the service of the instance
 * @param instanceId the instance that answered
 * @param outboxPending the order service's {@code order.outbox.pending} gauge, NaN when absent (payment instances)
 *     or when the gauge could not be read (its database unreachable)
 * @param paymentBreakerState the state of the order service's {@code payment} circuit breaker
 *     ({@code closed}, {@code open}, {@code half_open}, ...), {@code null} when absent
 * @param fenceRefusals per fence that published a counter on this instance, how many writes it refused since the
 *     instance started (a restarted instance counts from 0 again)
 */
public record MetricsScrape(
        long timeMillis,
        String service,
        String instanceId,
        double outboxPending,
        String paymentBreakerState,
        Map<Fence, Double> fenceRefusals) {

    /** The fences whose refusals the services count, and the meter of each. */
    public enum Fence {
        /** The payment service's database fence ({@code payment.settlement.fenced}, {@code fence=database}). */
        DATABASE("database fence"),
        /** The payment service's {@code assertLeader} before the write ({@code fence=assert-leader}). */
        ASSERT_LEADER("assertLeader (term and lease)"),
        /** The starter's checkpoint stores ({@code steadfast.checkpoint.failures}, {@code fenced=true}). */
        CHECKPOINT("checkpoint store");

        private final String label;

        Fence(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Picks the runner's few series out of every sample an instance published. */
    public static MetricsScrape of(
            long timeMillis, String service, String instanceId, List<PrometheusText.Sample> samples) {
        double outbox = Double.NaN;
        String breaker = null;
        Map<Fence, Double> fences = new LinkedHashMap<>();
        for (PrometheusText.Sample sample : samples) {
            switch (sample.name()) {
                case "order_outbox_pending" -> outbox = sample.value();
                case "resilience4j_circuitbreaker_state" -> {
                    if ("payment".equals(sample.label("name")) && sample.value() == 1) {
                        breaker = sample.label("state");
                    }
                }
                case "payment_settlement_fenced_total" -> {
                    if ("database".equals(sample.label("fence"))) {
                        fences.merge(Fence.DATABASE, sample.value(), Double::sum);
                    } else if ("assert-leader".equals(sample.label("fence"))) {
                        fences.merge(Fence.ASSERT_LEADER, sample.value(), Double::sum);
                    }
                }
                case "steadfast_checkpoint_failures_total" -> {
                    // Registered per checkpoint name with fenced=false up front, fenced=true on the first refusal.
                    double refused = "true".equals(sample.label("fenced")) ? sample.value() : 0;
                    fences.merge(Fence.CHECKPOINT, refused, Double::sum);
                }
                default -> {
                    // Not charted.
                }
            }
        }
        return new MetricsScrape(timeMillis, service, instanceId, outbox, breaker, Collections.unmodifiableMap(fences));
    }
}
