package dev.steadfast.chaos.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.steadfast.chaos.observe.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    @Test
    void readsSamplesWithAndWithoutLabelsAndSkipsCommentsAndTimestamps() {
        List<Sample> samples = PrometheusText.parse(
                """
                # HELP order_outbox_pending Orders whose payment outcome is not recorded yet
                # TYPE order_outbox_pending gauge
                order_outbox_pending 12.0

                # TYPE resilience4j_circuitbreaker_state gauge
                resilience4j_circuitbreaker_state{name="payment",state="open",} 1.0
                http_server_requests_seconds_count{method="POST", uri="/orders"} 3 1700000000000
                """);

        assertThat(samples)
                .containsExactly(
                        new Sample("order_outbox_pending", Map.of(), 12.0),
                        new Sample("resilience4j_circuitbreaker_state", Map.of("name", "payment", "state", "open"), 1),
                        new Sample(
                                "http_server_requests_seconds_count", Map.of("method", "POST", "uri", "/orders"), 3));
    }

    @Test
    void undoesTheEscapesOfLabelValuesAndKeepsBracesAndCommasInside() {
        List<Sample> samples = PrometheusText.parse(
                "logback_events_total{level=\"warn\",message=\"a \\\"quoted\\\" {x,y} \\\\ path\\nnext\"} 2\n");

        assertThat(samples.get(0).label("message")).isEqualTo("a \"quoted\" {x,y} \\ path\nnext");
        assertThat(samples.get(0).value()).isEqualTo(2);
    }

    @Test
    void readsTheSpecialValues() {
        List<Sample> samples = PrometheusText.parse(
                """
                steadfast_leader_token{election="payment-service"} NaN
                le_bucket{le="+Inf"} +Inf
                below -Inf
                exponent 1.5e3
                """);

        assertThat(samples)
                .extracting(Sample::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1500.0);
    }

    @Test
    void namesTheLineThatIsNotASample() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PrometheusText.parse("ok 1\nbroken{name=\"payment\" 1\n"))
                .withMessageStartingWith("line 2 (broken{name=\"payment\" 1): ','");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PrometheusText.parse("half_written{name=\"pay"))
                .withMessageContaining("not closed");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PrometheusText.parse("no_value_yet"))
                .withMessageContaining("not a value: ''");
    }
}
