package dev.steadfast.demo.order.outbox;

import dev.steadfast.demo.order.order.OrderOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code order.outbox.pending}, the number of orders waiting for their payment outcome: it rises while
 * payment-service is unavailable and must fall back to zero once it recovers.
 */
@Component
class OutboxMetrics {

    OutboxMetrics(OrderOutbox outbox, MeterRegistry registry) {
        Gauge.builder("order.outbox.pending", outbox, OrderOutbox::size)
                .description("Orders whose payment outcome is not recorded yet")
                .register(registry);
    }
}
