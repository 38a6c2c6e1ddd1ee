package dev.steadfast.benchmarks.failover;

import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.retry.RetryOneTime;

/**
 * The baseline: bare Curator {@code LeaderLatch} with the starter's default timeouts, no Spring, closing the latch
 * in a shutdown hook. Arguments: connect string, participant id, latch path.
 */
public final class RawLatchApp {

    private RawLatchApp() {}

    public static void main(String[] args) throws Exception {
        FailoverBenchmark.quietLogging();
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(args[0])
                .sessionTimeoutMs(6000)
                .connectionTimeoutMs(3000)
                .retryPolicy(new RetryOneTime(100))
                .build();
        client.start();
        LeaderLatch latch = new LeaderLatch(client, args[2], args[1]);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                System.out.println("GRANTED");
                System.out.flush();
            }

            @Override
            public void notLeader() {
                System.out.println("REVOKED");
                System.out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                latch.close();
            } catch (Exception ex) {
                // Exiting anyway; the session's expiry removes the node.
            }
            client.close();
        }));
        latch.start();
        new CountDownLatch(1).await();
    }
}
