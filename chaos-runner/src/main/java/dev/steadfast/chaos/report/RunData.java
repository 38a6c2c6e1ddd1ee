package dev.steadfast.chaos.report;

import dev.steadfast.chaos.check.Summary;
import dev.steadfast.chaos.fault.FaultEvent;
import dev.steadfast.chaos.load.Operation;
import dev.steadfast.chaos.observe.Failover;
import dev.steadfast.chaos.observe.LeaderSample;
import dev.steadfast.chaos.observe.MetricsScrape;
import dev.steadfast.chaos.truth.LeadershipTerm;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows about one run.
 *
 * @param title a one-line description of the run (seed, rate, topology)
 * @param command the command line that reproduces the run
 * @param instances every service instance's id, one lane each in the leader chart
 * @param loadStartMillis when the load began, in milliseconds since the run started
 * @param loadEndMillis when the last load phase ended (the overload phase, when the run had one)
 * @param operations the history
 * @param samples every leader poll answer
 * @param scrapes what each scrape of an instance's Prometheus endpoint gave (outbox, breaker, fences)
 * @param faults the faults injected
 * @param failovers the failovers the faults caused, from ZooKeeper's record
 * @param terms every leadership term in ZooKeeper's log
 * @param batchesByToken how many settlement batches were written under each fencing token
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
        List<MetricsScrape> scrapes,
        List<FaultEvent> faults,
        List<Failover> failovers,
        List<LeadershipTerm> terms,
        Map<Long, Long> batchesByToken,
        Summary summary,
        List<String[]> figures) {}
