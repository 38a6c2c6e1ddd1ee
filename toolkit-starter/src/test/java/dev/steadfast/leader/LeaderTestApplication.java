package dev.steadfast.leader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** A minimal application taking part in elections, started several times in one test against one ZooKeeper. */
@SpringBootConfiguration
@EnableAutoConfiguration
class LeaderTestApplication {

    static ConfigurableApplicationContext start(String connectString, String participantId, String... properties) {
        return new SpringApplicationBuilder(LeaderTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.application.name=orders",
                        "steadfast.zookeeper.connect-string=" + connectString,
                        "steadfast.zookeeper.session-timeout=2s",
                        "steadfast.zookeeper.connection-timeout=1s",
                        "steadfast.leader.participant-id=" + participantId,
                        "spring.main.banner-mode=off")
                .properties(properties)
                .run();
    }

    @Bean
    EventRecorder eventRecorder() {
        return new EventRecorder();
    }

    @Bean
    SingletonJob singletonJob() {
        return new SingletonJob();
    }

    /** Records every leadership event this instance publishes, in order. */
    static class EventRecorder {

        final List<LeadershipEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(LeadershipEvent event) {
            events.add(event);
        }

        List<LeadershipRevoked> revocations() {
            return events.stream()
                    .filter(LeadershipRevoked.class::isInstance)
                    .map(LeadershipRevoked.class::cast)
                    .toList();
        }
    }

    /** Work that must run on one instance only. */
    static class SingletonJob {

        private final AtomicInteger runs = new AtomicInteger();

        @LeaderOnly
        public Integer run() {
            return runs.incrementAndGet();
        }

        public int runs() {
            return runs.get();
        }
    }
}
