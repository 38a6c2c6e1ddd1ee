package dev.steadfast.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up failure caused by an unusable {@code steadfast.*} property: the property, the problem, the fix. */
final class InvalidSteadfastPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSteadfastPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSteadfastPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.fix(), cause);
    }
}
