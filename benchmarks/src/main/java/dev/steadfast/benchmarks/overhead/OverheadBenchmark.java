package dev.steadfast.benchmarks.overhead;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same payload called directly; through raw Resilience4j decorators (CircuitBreaker, Retry, Bulkhead, in the
 * starter's order), standalone and over the instances of a Boot context; through the starter's annotated bean
 * (Steadfast's fast path); through the same bean served by Resilience4j's aspects (fast path off); and with
 * Steadfast's layer off (plain resilience4j-spring-boot4); and through the fast path with the bulkhead instance
 * adaptive: what each layer costs shows in one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class OverheadBenchmark {

    // The annotated paths warm up slowly (Spring AOP and AspectJ matching compile late on a busy machine), so they
    // get a longer warm-up than the others.

    /** The seed varies per call so that the JIT cannot hoist the payload out of the loop. */
    @State(Scope.Thread)
    public static class Input {
        long seed = 42;

        long next() {
            return ++seed;
        }
    }

    @State(Scope.Benchmark)
    public static class Direct {
        final Payload payload = new Payload();
    }

    @State(Scope.Benchmark)
    public static class Raw {
        Function<Long, Long> decorated;

        @Setup(Level.Trial)
        public void setUp() {
            Payload payload = new Payload();
            Function<Long, Long> bulkheaded = Bulkhead.decorateFunction(Bulkhead.ofDefaults("bench"), payload::compute);
            Function<Long, Long> retried = Retry.decorateFunction(Retry.ofDefaults("bench"), bulkheaded);
            decorated = CircuitBreaker.decorateFunction(CircuitBreaker.ofDefaults("bench"), retried);
        }
    }

    /** Raw decorators over the instances of a Boot context: with its event consumers and Micrometer meters. */
    @State(Scope.Benchmark)
    public static class RawFromContext {
        ConfigurableApplicationContext context;
        Function<Long, Long> decorated;

        @Setup(Level.Trial)
        public void setUp() {
            context = BenchmarkApplication.start();
            Payload payload = new Payload();
            Function<Long, Long> bulkheaded = Bulkhead.decorateFunction(
                    context.getBean(BulkheadRegistry.class).bulkhead("bench"), payload::compute);
            Function<Long, Long> retried =
                    Retry.decorateFunction(context.getBean(RetryRegistry.class).retry("bench"), bulkheaded);
            decorated = CircuitBreaker.decorateFunction(
                    context.getBean(CircuitBreakerRegistry.class).circuitBreaker("bench"), retried);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Annotated {
        ConfigurableApplicationContext context;
        AnnotatedPayload payload;

        @Setup(Level.Trial)
        public void setUp() {
            context = BenchmarkApplication.start();
            payload = context.getBean(AnnotatedPayload.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    @State(Scope.Benchmark)
    public static class AnnotatedThroughAspects {
        ConfigurableApplicationContext context;
        AnnotatedPayload payload;

        @Setup(Level.Trial)
        public void setUp() {
            context = BenchmarkApplication.start("steadfast.resilience.fast-path.enabled=false");
            payload = context.getBean(AnnotatedPayload.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    /** The annotated bean with its bulkhead instance adaptive (Gradient2, Netflix's concurrency-limits). */
    @State(Scope.Benchmark)
    public static class AnnotatedAdaptiveBulkhead {
        ConfigurableApplicationContext context;
        AnnotatedPayload payload;

        @Setup(Level.Trial)
        public void setUp() {
            context = BenchmarkApplication.start("steadfast.resilience.bulkhead.instances.bench.adaptive.enabled=true");
            payload = context.getBean(AnnotatedPayload.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    @State(Scope.Benchmark)
    public static class AnnotatedWithoutSteadfast {
        ConfigurableApplicationContext context;
        AnnotatedPayload payload;

        @Setup(Level.Trial)
        public void setUp() {
            context = BenchmarkApplication.start("steadfast.resilience.enabled=false");
            payload = context.getBean(AnnotatedPayload.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    @Benchmark
    public long direct(Direct state, Input input) {
        return state.payload.compute(input.next());
    }

    @Benchmark
    public long raw(Raw state, Input input) {
        return state.decorated.apply(input.next());
    }

    @Benchmark
    public long rawFromContext(RawFromContext state, Input input) {
        return state.decorated.apply(input.next());
    }

    @Benchmark
    @Warmup(iterations = 12, time = 2)
    public long annotated(Annotated state, Input input) {
        return state.payload.compute(input.next());
    }

    @Benchmark
    @Warmup(iterations = 12, time = 2)
    public long annotatedThroughAspects(AnnotatedThroughAspects state, Input input) {
        return state.payload.compute(input.next());
    }

    @Benchmark
    @Warmup(iterations = 12, time = 2)
    public long annotatedAdaptiveBulkhead(AnnotatedAdaptiveBulkhead state, Input input) {
        return state.payload.compute(input.next());
    }

    @Benchmark
    @Warmup(iterations = 12, time = 2)
    public long annotatedWithoutSteadfast(AnnotatedWithoutSteadfast state, Input input) {
        return state.payload.compute(input.next());
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(OverheadBenchmark.class.getName() + "\\.")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            byName.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result);
        }
        OverheadReport.print(byName, System.out);
    }
}
