package dev.steadfast.resilience.internal;

import dev.steadfast.resilience.ResilienceConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ResilienceConfigurationException} into Boot's start-up failure report: the bean, the method and
 * what is wrong as the description, the fix as the action.
 */
public final class ResilienceFailureAnalyzer extends AbstractFailureAnalyzer<ResilienceConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ResilienceConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.fix(), cause);
    }
}
