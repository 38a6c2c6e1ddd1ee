package dev.steadfast.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steadfast.checkpoint.CheckpointTestApplication.Ledger;
import dev.steadfast.checkpoint.CheckpointTestApplication.SettlementJob;
import dev.steadfast.leader.LeaderElection;
import dev.steadfast.leader.LeaderOnly;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The restore guard and the election's {@code @LeaderOnly} advice decide once per call: a term that begins between
 * the two advices must not let a call through that the guard let pass as a follower's.
 */
class LeaderOnlyDecisionIT {

    @TempDir
    Path blobs;

    private TestingServer server;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void startZookeeper() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1), true);
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        server.close();
    }

    @Test
    void callThatStartedOnAFollowerNeverRunsInATermThatBeganMeanwhile() throws Exception {
        ConfigurableApplicationContext first = start("ledger-a", CheckpointTestApplication.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> first.getBean(CheckpointManager.class).isRestored("ledger-service"));
        first.getBean(Ledger.class).add("p-1", 100);
        first.getBean(CheckpointManager.class).save("ledger");
        ConfigurableApplicationContext second =
                start("ledger-b", CheckpointTestApplication.class, TermBeginsInBetween.class);
        CountDownLatch restoreGate = new CountDownLatch(1);
        second.getBean(Ledger.class).restoreGate = restoreGate;
        SettlementJob job = second.getBean(SettlementJob.class);

        // The guard sees a follower; the advice in between waits until the second instance leads.
        CompletableFuture<Long> settled = CompletableFuture.supplyAsync(job::settle);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.getBean(TermBeginsInBetween.class).waiting);
        instances.remove(first);
        first.close();
        Long total = settled.get(30, TimeUnit.SECONDS);
        restoreGate.countDown();

        assertThat(total).as("the call started as a follower's and is skipped").isNull();
        assertThat(job.seenTotals()).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> second.getBean(CheckpointManager.class).isRestored("ledger-service"));
        assertThat(job.settle()).isEqualTo(100L);
    }

    private ConfigurableApplicationContext start(String participant, Class<?>... sources) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.application.name=ledger-service",
                        "steadfast.zookeeper.connect-string=" + server.getConnectString(),
                        "steadfast.zookeeper.session-timeout=2s",
                        "steadfast.zookeeper.connection-timeout=1s",
                        "steadfast.leader.participant-id=" + participant,
                        "steadfast.checkpoint.zookeeper.blob-directory=" + blobs,
                        "steadfast.checkpoint.interval=1h",
                        "spring.main.banner-mode=off")
                .run();
        instances.add(context);
        return context;
    }

    /** An advice between the restore guard and the election's advice that holds the call until a term begins. */
    @Configuration(proxyBeanMethods = false)
    static class TermBeginsInBetween {

        volatile boolean waiting;

        @Bean
        static Advisor termBeginsInBetweenAdvisor(ObjectProvider<LeaderElection> election) {
            MethodInterceptor holdUntilLeading = invocation -> {
                LeaderElection leaderElection = election.getObject();
                if (!leaderElection.isLeader()) {
                    TermBeginsInBetween.current.waiting = true;
                    await().atMost(Duration.ofSeconds(20)).until(leaderElection::isLeader);
                }
                return invocation.proceed();
            };
            DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                    AnnotationMatchingPointcut.forMethodAnnotation(LeaderOnly.class), holdUntilLeading);
            advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
            return advisor;
        }

        static volatile TermBeginsInBetween current;

        TermBeginsInBetween() {
            current = this;
        }
    }
}
