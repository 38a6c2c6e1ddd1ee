package dev.steadfast.limit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;

/** The classification both inbound filters share: exclusions first, then the priority header, then paths. */
class InboundPolicyTests {

    private final InboundPolicy policy = new InboundPolicy(
            List.of("/actuator/**", "/open/**"),
            "X-Priority",
            Map.of("critical", List.of("/payments/**"), "default", List.of()),
            "default");

    @Test
    void excludedPathsAreNotClassifiedAndTheirHeadersAreNeverRead() {
        List<String> read = new ArrayList<>();
        UnaryOperator<String> headers = name -> {
            read.add(name);
            return "critical";
        };

        assertThat(policy.classify(PathContainer.parsePath("/actuator/health/readiness"), headers))
                .isEmpty();
        assertThat(policy.classify(PathContainer.parsePath("/open/anything"), headers))
                .isEmpty();
        assertThat(read).isEmpty();
    }

    @Test
    void classifiesByTheHeaderWhenItNamesAPriorityElseByThePath() {
        InboundRequest byHeader = policy.classify(PathContainer.parsePath("/orders"), name -> " critical ")
                .orElseThrow();
        InboundRequest unknownHeader = policy.classify(PathContainer.parsePath("/orders"), name -> "urgent")
                .orElseThrow();
        InboundRequest byPath = policy.classify(PathContainer.parsePath("/payments/7"), name -> null)
                .orElseThrow();

        assertThat(byHeader.priorityHeader()).isEqualTo(" critical ");
        assertThat(policy.priorityOf(byHeader)).isEqualTo("critical");
        assertThat(policy.priorityOf(unknownHeader)).isEqualTo("default");
        assertThat(policy.priorityOf(byPath)).isEqualTo("critical");
    }

    @Test
    void withoutAPriorityHeaderNoHeaderIsRead() {
        InboundPolicy noHeader = new InboundPolicy(List.of(), null, Map.of(), AdaptiveLimiter.NO_PRIORITY);

        InboundRequest request = noHeader.classify(PathContainer.parsePath("/orders"), name -> {
                    throw new AssertionError("read header " + name);
                })
                .orElseThrow();

        assertThat(request.priorityHeader()).isNull();
        assertThat(noHeader.priorityOf(request)).isEqualTo(AdaptiveLimiter.NO_PRIORITY);
    }
}
