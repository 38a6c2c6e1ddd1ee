package dev.steadfast.zookeeper.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up failure caused by an unusable ZooKeeper or leader election property. */
class InvalidZooKeeperPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidZooKeeperPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidZooKeeperPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
