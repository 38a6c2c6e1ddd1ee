package dev.steadfast.testsupport;

import java.util.Objects;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Analyzes a start-up failure with the failure analyzers Steadfast registers in {@code META-INF/spring.factories},
 * as Boot does when an application fails to start; so a test also fails when an analyzer is not registered.
 */
public final class RegisteredFailureAnalyzers {

    private RegisteredFailureAnalyzers() {}

    /** The first analysis of Steadfast's registered analyzers, or {@code null} when none of them explains it. */
    public static FailureAnalysis analyze(Throwable failure) {
        ClassLoader loader = RegisteredFailureAnalyzers.class.getClassLoader();
        return SpringFactoriesLoader.forDefaultResourceLocation(loader)
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(), (type, name, ex) -> {})
                .stream()
                .filter(analyzer -> analyzer.getClass().getName().startsWith("dev.steadfast."))
                .map(analyzer -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
