package dev.steadfast.chaos.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.chaos.process.Ports;
import dev.steadfast.chaos.process.ZooKeeperEnsemble;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terms rebuilt from a real ZooKeeper server's transaction log, written as the starter's election writes them. */
class ZooKeeperTransactionLogsIT {

    private static final String ELECTION = "/steadfast/leader/payment-service";

    @TempDir
    Path dir;

    @Test
    void rebuildsEachTermWithItsTokenParticipantAndEnd() throws Exception {
        long epoch = System.currentTimeMillis();
        try (ZooKeeperEnsemble zk = new ZooKeeperEnsemble(1, dir, new Ports(0))) {
            zk.startAll(Duration.ofSeconds(60));
            ZooKeeper first = connect(zk);
            ZooKeeper second = connect(zk);
            first.create("/steadfast", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            first.create("/steadfast/leader", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            first.create(ELECTION, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            String firstNode = latchNode(first, "payment-1");
            String secondNode = latchNode(second, "payment-2");
            Stat firstTerm = first.setData(firstNode, bytes("payment-1"), -1);
            first.close();
            Stat secondTerm = second.setData(secondNode, bytes("payment-2"), -1);
            second.delete(secondNode, -1);
            Stat notATerm = second.setData(ELECTION, bytes("ignored"), -1);
            ZooKeeper third = connect(zk);
            String thirdNode = latchNode(third, "payment-1");
            Stat openTerm = third.setData(thirdNode, bytes("payment-1"), -1);

            List<LeadershipTerm> terms =
                    new ZooKeeperTransactionLogs("/steadfast/leader", epoch).terms(zk.dataDirectories());

            assertThat(terms)
                    .extracting(LeadershipTerm::token)
                    .containsExactly(firstTerm.getMzxid(), secondTerm.getMzxid(), openTerm.getMzxid())
                    .doesNotContain(notATerm.getMzxid());
            assertThat(terms)
                    .extracting(LeadershipTerm::participant)
                    .containsExactly("payment-1", "payment-2", "payment-1");
            assertThat(terms).extracting(LeadershipTerm::endedBy).containsExactly("session closed", "deleted", "open");
            assertThat(terms).allSatisfy(term -> assertThat(term.election()).isEqualTo("payment-service"));
            assertThat(terms.get(0).beganMillis()).isBetween(0L, System.currentTimeMillis() - epoch);
            assertThat(terms.get(0).endedMillis())
                    .isGreaterThanOrEqualTo(terms.get(0).beganMillis());
            assertThat(terms.get(1).heldAt(terms.get(1).beganMillis())).isTrue();
            assertThat(terms.get(2).open()).isTrue();
            third.close();
        }
    }

    private static String latchNode(ZooKeeper client, String participant) throws Exception {
        return client.create(
                ELECTION + "/_c_x-latch-", bytes(participant), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    }

    private static ZooKeeper connect(ZooKeeperEnsemble zk) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(zk.connectString(), 6_000, event -> {
            if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
