package dev.steadfast.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A real web application on a random port that warms itself up before it reports ready. */
class WarmUpIT {

    @Test
    void sendsEachRequestBeforeTheApplicationAcceptsTrafficAndReportsReadyAfterwards() throws Exception {
        try (ConfigurableApplicationContext context = start(
                "steadfast.warmup.iterations=5",
                "steadfast.warmup.requests[0].path=/things",
                "steadfast.warmup.requests[1].method=POST",
                "steadfast.warmup.requests[1].path=/things",
                "steadfast.warmup.requests[1].body={}",
                "steadfast.warmup.requests[1].expected-status=400")) {
            Recorder recorder = context.getBean(Recorder.class);
            assertThat(recorder.seen).hasSize(10);
            assertThat(recorder.seen)
                    .containsOnly("GET " + ReadinessState.REFUSING_TRAFFIC, "POST " + ReadinessState.REFUSING_TRAFFIC);
            assertThat(recorder.created).isZero();
            assertThat(recorder.completed).singleElement().satisfies(completed -> {
                assertThat(completed.sent()).isEqualTo(10);
                assertThat(completed.unexpected()).isZero();
                assertThat(completed.timedOut()).isFalse();
            });
            assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
                    .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(get(context, "/things")).isEqualTo(200);
        }
    }

    @Test
    void neverRepeatsAnUnsafeRequestThatWasNotRefused() throws Exception {
        try (ConfigurableApplicationContext context = start(
                "steadfast.warmup.iterations=5",
                "steadfast.warmup.concurrency=3",
                "steadfast.warmup.requests[0].method=POST",
                "steadfast.warmup.requests[0].path=/things",
                "steadfast.warmup.requests[0].body={\"name\":\"real\"}",
                "steadfast.warmup.requests[0].expected-status=400")) {
            Recorder recorder = context.getBean(Recorder.class);
            assertThat(recorder.created).isEqualTo(1);
            assertThat(recorder.completed).singleElement().satisfies(completed -> {
                assertThat(completed.sent()).isEqualTo(1);
                assertThat(completed.unexpected()).isEqualTo(1);
            });
        }
    }

    @Test
    void reportsReadyAtItsTimeLimitWhenTheWarmUpTakesLonger() throws Exception {
        try (ConfigurableApplicationContext context = start(
                "steadfast.warmup.iterations=50",
                "steadfast.warmup.concurrency=1",
                "steadfast.warmup.timeout=300ms",
                "steadfast.warmup.requests[0].path=/slow")) {
            Recorder recorder = context.getBean(Recorder.class);
            assertThat(recorder.completed).singleElement().satisfies(completed -> {
                assertThat(completed.timedOut()).isTrue();
                assertThat(completed.sent()).isLessThan(50);
            });
            assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
                    .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(WarmedApplication.class)
                .properties(
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "spring.application.name=warmed",
                        "spring.cloud.zookeeper.enabled=false",
                        // generous, so that a loaded machine cannot turn a refused POST into a timed-out one
                        "steadfast.warmup.request-timeout=30s",
                        "steadfast.warmup.timeout=2m")
                .properties(properties)
                .run();
    }

    private static int get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WarmedApplication {

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        ThingController thingController(Recorder recorder, ApplicationAvailability availability) {
            return new ThingController(recorder, availability);
        }
    }

    /** What the controller saw, with the readiness state at the time, and the warm-up's completion. */
    static class Recorder {

        final List<String> seen = new CopyOnWriteArrayList<>();

        final List<WarmUpCompleted> completed = new CopyOnWriteArrayList<>();

        volatile int created;

        @EventListener
        void on(WarmUpCompleted event) {
            completed.add(event);
        }
    }

    record Thing(String name) {}

    @RestController
    static class ThingController {

        private final Recorder recorder;

        private final ApplicationAvailability availability;

        ThingController(Recorder recorder, ApplicationAvailability availability) {
            this.recorder = recorder;
            this.availability = availability;
        }

        @GetMapping("/things")
        List<Thing> list() {
            recorder.seen.add("GET " + availability.getReadinessState());
            return List.of(new Thing("a"));
        }

        @GetMapping("/slow")
        String slow() throws InterruptedException {
            Thread.sleep(100); // a slow endpoint, so that the warm-up reaches its time limit
            return "slow";
        }

        @PostMapping("/things")
        synchronized ResponseEntity<Thing> create(@RequestBody Thing thing) {
            recorder.seen.add("POST " + availability.getReadinessState());
            if (thing.name() == null) {
                return ResponseEntity.badRequest().build();
            }
            recorder.created++;
            return ResponseEntity.status(HttpStatus.CREATED).body(thing);
        }
    }
}
