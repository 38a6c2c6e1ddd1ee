package dev.steadfast.chaos.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.observe.MetricsScrape.Fence;
import dev.steadfast.chaos.process.ManagedProcess;
import dev.steadfast.chaos.process.ServiceInstance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsObserverTests {

    private final AtomicLong clock = new AtomicLong();
    private final ServiceInstance order = instance("order-service", "order-1");
    private final ServiceInstance payment = instance("payment-service", "payment-1");
    private final MetricsObserver observer = new MetricsObserver(List.of(order, payment), clock::get);

    @Test
    void takesTheOutboxBacklogAndThePaymentBreakersStateFromAnOrderInstance() {
        clock.set(4_200);
        observer.record(
                order,
                """
                # HELP order_outbox_pending Orders whose payment outcome is not recorded yet
                # TYPE order_outbox_pending gauge
                order_outbox_pending 37.0
                # TYPE resilience4j_circuitbreaker_state gauge
                resilience4j_circuitbreaker_state{name="payment",state="closed"} 0.0
                resilience4j_circuitbreaker_state{name="payment",state="half_open"} 1.0
                resilience4j_circuitbreaker_state{name="payment",state="open"} 0.0
                resilience4j_circuitbreaker_state{name="other",state="open"} 1.0
                """);

        assertThat(observer.scrapes()).singleElement().satisfies(scrape -> {
            assertThat(scrape.timeMillis()).isEqualTo(4_200);
            assertThat(scrape.instanceId()).isEqualTo("order-1");
            assertThat(scrape.outboxPending()).isEqualTo(37);
            assertThat(scrape.paymentBreakerState()).isEqualTo("half_open");
            assertThat(scrape.fenceRefusals()).isEmpty();
        });
    }

    @Test
    void countsEachFencesRefusalsOfAPaymentInstance() {
        observer.record(
                payment,
                """
                payment_settlement_fenced_total{fence="assert-leader"} 3.0
                payment_settlement_fenced_total{fence="database"} 1.0
                steadfast_checkpoint_failures_total{fenced="false",name="settlement"} 4.0
                steadfast_checkpoint_failures_total{fenced="true",name="settlement"} 2.0
                steadfast_checkpoint_failures_total{fenced="true",name="other"} 1.0
                """);

        MetricsScrape scrape = observer.scrapes().get(0);
        assertThat(scrape.fenceRefusals())
                .isEqualTo(Map.of(Fence.DATABASE, 1.0, Fence.ASSERT_LEADER, 3.0, Fence.CHECKPOINT, 3.0));
        assertThat(scrape.outboxPending()).isNaN();
        assertThat(scrape.paymentBreakerState()).isNull();
    }

    @Test
    void countsAnAnswerThatIsNotTheTextFormatAndChartsNothingOfIt() {
        observer.record(order, "{\"status\":\"UP\"}");

        assertThat(observer.scrapes()).isEmpty();
        assertThat(observer.unreadable()).isEqualTo(1);
    }

    private static ServiceInstance instance(String service, String id) {
        return new ServiceInstance(
                service, id, 1, new ManagedProcess(id, List.of("true"), Map.of(), Path.of("target", id + ".log")));
    }
}
