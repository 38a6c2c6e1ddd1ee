package dev.steadfast.chaos.truth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jute.Record;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.server.persistence.TxnLog.TxnIterator;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.TxnHeader;

/**
 * Rebuilds every leadership term from ZooKeeper's transaction logs, read with ZooKeeper's own {@link FileTxnLog}.
 * A term begins with the leader's write to its own latch node (the write whose zxid is the fencing token, see the
 * starter's {@code CuratorLeaderElection}) and ends when ZooKeeper deletes that node, ends the session that owns
 * it (closed or expired: both are a {@code closeSession} transaction), or records a later term on the same node.
 *
 * <p>Curator's {@code LeaderLatch} creates, writes and deletes its node with single operations, never in a
 * {@code multi}, so multi transactions are not opened. With an ensemble, every server's log is read and each
 * transaction counted once by its zxid, so a server that was down for part of the run leaves no hole.
 */
public final class ZooKeeperTransactionLogs {

    private final String rootPath;
    private final long epochMillisAtRunStart;

    /**
     * @param rootPath the parent of every election's latch node ({@code steadfast.leader.root-path})
     * @param epochMillisAtRunStart the wall-clock time at which the run's clock read zero, to convert the
     *     transactions' wall-clock times
     */
    public ZooKeeperTransactionLogs(String rootPath, long epochMillisAtRunStart) {
        this.rootPath = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
        this.epochMillisAtRunStart = epochMillisAtRunStart;
    }

    /** The terms of every election found in the data directories' logs, ordered by token. */
    public List<LeadershipTerm> terms(List<Path> dataDirectories) {
        TreeMap<Long, Transaction> transactions = new TreeMap<>();
        for (Path dataDirectory : dataDirectories) {
            read(dataDirectory.resolve("version-2"), transactions);
        }
        return rebuild(transactions.values());
    }

    private static void read(Path logDirectory, Map<Long, Transaction> into) {
        if (!Files.isDirectory(logDirectory)) {
            return;
        }
        try {
            FileTxnLog log = new FileTxnLog(logDirectory.toFile());
            try (TxnIterator iterator = log.read(0)) {
                while (iterator.getHeader() != null) {
                    TxnHeader header = iterator.getHeader();
                    into.putIfAbsent(header.getZxid(), new Transaction(header, iterator.getTxn()));
                    if (!iterator.next()) {
                        break;
                    }
                }
            } finally {
                log.close();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read ZooKeeper's transaction log in " + logDirectory, ex);
        }
    }

    private List<LeadershipTerm> rebuild(Iterable<Transaction> transactions) {
        Map<String, Long> ownerOfNode = new HashMap<>();
        Map<String, LeadershipTerm> openOnNode = new HashMap<>();
        List<LeadershipTerm> terms = new ArrayList<>();
        for (Transaction transaction : transactions) {
            TxnHeader header = transaction.header();
            long at = header.getTime() - epochMillisAtRunStart;
            Record txn = transaction.txn();
            if (txn instanceof CreateTxn create && isLatchNode(create.getPath()) && create.getEphemeral()) {
                ownerOfNode.put(create.getPath(), header.getClientId());
            } else if (txn instanceof SetDataTxn write && ownerOfNode.containsKey(write.getPath())) {
                end(openOnNode.remove(write.getPath()), at, "next term on the node", terms);
                openOnNode.put(
                        write.getPath(),
                        new LeadershipTerm(
                                election(write.getPath()),
                                header.getZxid(),
                                new String(write.getData(), StandardCharsets.UTF_8),
                                write.getPath(),
                                at,
                                -1,
                                "open"));
            } else if (txn instanceof DeleteTxn delete) {
                ownerOfNode.remove(delete.getPath());
                end(openOnNode.remove(delete.getPath()), at, "deleted", terms);
            } else if (header.getType() == OpCode.closeSession) {
                for (Iterator<Map.Entry<String, Long>> it =
                                ownerOfNode.entrySet().iterator();
                        it.hasNext(); ) {
                    Map.Entry<String, Long> owned = it.next();
                    if (owned.getValue() == header.getClientId()) {
                        end(openOnNode.remove(owned.getKey()), at, "session closed", terms);
                        it.remove();
                    }
                }
            }
        }
        terms.addAll(openOnNode.values());
        terms.sort(Comparator.comparingLong(LeadershipTerm::token));
        return terms;
    }

    private static void end(LeadershipTerm term, long at, String cause, List<LeadershipTerm> terms) {
        if (term != null) {
            terms.add(term.endedAt(at, cause));
        }
    }

    /** A node directly under an election: {@code <root>/<election>/<node>}. */
    private boolean isLatchNode(String path) {
        if (!path.startsWith(rootPath + "/")) {
            return false;
        }
        String rest = path.substring(rootPath.length() + 1);
        int slash = rest.indexOf('/');
        return slash > 0 && rest.indexOf('/', slash + 1) < 0;
    }

    private String election(String path) {
        String rest = path.substring(rootPath.length() + 1);
        return rest.substring(0, rest.indexOf('/'));
    }

    private record Transaction(TxnHeader header, Record txn) {}
}
