package dev.steadfast.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.fault.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunOptionsTests {

    @Test
    void commandLineRepeatsTheOverloadPhaseAsRun() {
        Set<FaultKind> withoutOverload = EnumSet.copyOf(FaultKind.defaults());
        withoutOverload.remove(FaultKind.OVERLOAD);

        assertThat(options(FaultKind.defaults(), 10, 10).commandLine())
                .isEqualTo("./demo --seed 42 --duration 120s --rate 20 --zk-servers 1 --db h2");
        assertThat(options(FaultKind.defaults(), 20, 10).commandLine())
                .endsWith(" --db h2 --overload-factor 20 --overload-burst 10s");
        assertThat(options(withoutOverload, 10, 10).commandLine()).endsWith(" --db h2 --no-overload");
        assertThat(options(EnumSet.of(FaultKind.OVERLOAD), 5, 10).overload()).isTrue();
        assertThat(options(EnumSet.of(FaultKind.KILL_ORDER_INSTANCE), 5, 10).overload())
                .isFalse();
    }

    private static RunOptions options(Set<FaultKind> kinds, double factor, long burstSeconds) {
        return new RunOptions(
                42,
                Duration.ofSeconds(120),
                Duration.ofSeconds(10),
                20,
                1,
                "h2",
                true,
                false,
                Path.of("out"),
                0,
                Path.of("."),
                Duration.ofSeconds(12),
                Duration.ofSeconds(90),
                Duration.ofSeconds(3),
                "jdbc:postgresql://127.0.0.1:5432/steadfast",
                null,
                "steadfast",
                "steadfast",
                false,
                List.of(),
                kinds,
                factor,
                Duration.ofSeconds(burstSeconds));
    }
}
