package dev.steadfast.checkpoint.autoconfigure;

import dev.steadfast.checkpoint.InvalidCheckpointConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up failure caused by invalid checkpoint configuration. */
public final class CheckpointConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<InvalidCheckpointConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCheckpointConfigurationException cause) {
        return new FailureAnalysis("Checkpointed state is misconfigured: " + cause.getMessage(), cause.action(), cause);
    }
}
