package dev.steadfast.chaos.report;

import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.observe.Failover;
import dev.steadfast.chaos.observe.LeaderSample;
import java.util.List;

/**
 * Everything the report shows about one run.
 *
 * @param title a one-line description of the run (seed, rate, topology)
 * @param command the command line that reproduces the run
 * @param instances every service instance's id, one lane each in the leader chart
 * @param loadStartMillis when the load began, in milliseconds since the run started
 * @param loadEndMillis when the load ended
 * @param operations the history
 * @param samples every leader poll answer
 * @param faults the faults injected
 * @param failovers the failovers timed
 * @param summary the checker's summary
 * @param figures extra figures (name to value), in order
 */
public record RunData(
        String title,
        String command,
        List<String> instances,
        long loadStartMillis,
        long loadEndMillis,
        List<Operation> operations,
        List<LeaderSample> samples,
        List<FaultEvent> faults,
        List<Failover> failovers,
        Summary summary,
        List<String[]> figures) {}
