package dev.steadfast.chaos;

import dev.steadfast.chaos.fault.FaultInjector;
import dev.steadfast.chaos.load.History;
import dev.steadfast.chaos.observe.LeaderObserver;
import dev.steadfast.chaos.observe.LeaderSample;
import dev.steadfast.chaos.process.Topology;
import java.io.PrintStream;
import java.util.Locale;

/** The live progress line: a line rewritten in place on a terminal, a line every ten seconds otherwise (CI logs). */
final class Progress {

    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private long lastPrinted = -10_000;

    Progress(PrintStream out) {
        this.out = out;
    }

    void update(
            String phase,
            long elapsedMillis,
            long totalMillis,
            History history,
            LeaderObserver observer,
            FaultInjector injector) {
        if (!terminal && elapsedMillis - lastPrinted < 10_000) {
            return;
        }
        lastPrinted = elapsedMillis;
        String line = String.format(
                Locale.ROOT,
                "[%s %3ds/%ds] orders=%d ok=%d failed=%d unknown=%d shed=%d in-flight=%d leaders payment=%s order=%s fault=%s",
                phase,
                elapsedMillis / 1000,
                totalMillis / 1000,
                history.invoked(),
                history.ok(),
                history.failed(),
                history.unknown(),
                history.shed(),
                history.inFlight(),
                leader(observer, Topology.PAYMENT),
                leader(observer, Topology.ORDER),
                injector == null ? "-" : injector.current());
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    void done() {
        if (terminal) {
            out.println();
        }
    }

    private static String leader(LeaderObserver observer, String service) {
        return observer.currentLeader(service).map(LeaderSample::instanceId).orElse("none");
    }
}
