package dev.steadfast.demo.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderPropertiesTests {

    private final OrderProperties.Outbox outbox = new OrderProperties.Outbox(
            Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10), 50);

    @Test
    void backoffDoublesAfterEveryFailedAttempt() {
        assertThat(outbox.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(outbox.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(outbox.backoff(4)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void backoffStopsGrowingAtTheMaximum() {
        assertThat(outbox.backoff(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(outbox.backoff(1000)).isEqualTo(Duration.ofSeconds(10));
    }
}
