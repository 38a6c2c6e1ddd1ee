package dev.steadfast.limit.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up failure caused by an unusable adaptive limit property: the property, the problem, the fix. */
class InvalidConcurrencyLimitPropertyFailureAnalyzer
        extends AbstractFailureAnalyzer<InvalidConcurrencyLimitPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConcurrencyLimitPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
