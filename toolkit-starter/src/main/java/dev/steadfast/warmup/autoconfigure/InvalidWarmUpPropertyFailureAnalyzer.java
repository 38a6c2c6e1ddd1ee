package dev.steadfast.warmup.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up failure caused by an unusable {@code steadfast.warmup.*} property. */
class InvalidWarmUpPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWarmUpPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidWarmUpPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
