package dev.steadfast.loadbalancer.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up failure caused by an unusable {@code steadfast.loadbalancer.*} property. */
class InvalidLoadBalancerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLoadBalancerPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidLoadBalancerPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
