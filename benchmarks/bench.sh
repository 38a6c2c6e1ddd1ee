#!/usr/bin/env bash
# Runs one benchmark by name. Builds what it needs first; prints a table and a last summary line.
#   benchmarks/bench.sh overhead     Resilience4j via the starter (fast path, aspects) vs raw decorators vs a direct call (JMH)
#   benchmarks/bench.sh failover     leader failover of two Boot apps against a ZooKeeper server process
#   benchmarks/bench.sh checkpoint   checkpoint save/restore vs raw ZooKeeper and file writes
#   benchmarks/bench.sh brownout     order -> payment calls through a frozen/killed/slow payment instance and a ZooKeeper outage
#   benchmarks/bench.sh storm        a dependency down 20 s: attempts per call with the retry budget vs plain retries
#   benchmarks/bench.sh hedge        two instances, one with a long tail: p50/p99 and extra load with @Hedge vs without
#   benchmarks/bench.sh overload     a service of fixed capacity at 0.5x-4x load: goodput/p99 with no limit, a static bulkhead, adaptive limits
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
name=${1:-}
[ -n "$name" ] || { usage; exit 2; }
shift

case "$name" in
    overhead) main=dev.steadfast.benchmarks.overhead.OverheadBenchmark ;;
    failover) main=dev.steadfast.benchmarks.failover.FailoverBenchmark ;;
    checkpoint) main=dev.steadfast.benchmarks.checkpoint.CheckpointBenchmark ;;
    brownout) main=dev.steadfast.benchmarks.brownout.BrownoutBenchmark ;;
    storm) main=dev.steadfast.benchmarks.storm.StormBenchmark ;;
    hedge) main=dev.steadfast.benchmarks.hedge.HedgeBenchmark ;;
    overload) main=dev.steadfast.benchmarks.overload.OverloadBenchmark ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown benchmark: $name" >&2; usage >&2; exit 2 ;;
esac

modules=benchmarks
# brownout runs the demo services from their executable jars, as in production.
[ "$name" = brownout ] && modules=benchmarks,demo-order-service,demo-payment-service
echo "building $modules..." >&2
# One reactor run: the classpath then points at the starter just built, never at ~/.m2 (nothing is installed).
./mvnw -q -B -pl "$modules" -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.outputFile=target/classpath.txt >&2
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"
