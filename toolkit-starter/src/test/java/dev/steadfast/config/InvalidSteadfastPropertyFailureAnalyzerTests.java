package dev.steadfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steadfast.testsupport.RegisteredFailureAnalyzers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class InvalidSteadfastPropertyFailureAnalyzerTests {

    @Test
    void describesThePropertyAndTheProblemAndGivesTheFixAsTheAction() {
        InvalidSteadfastPropertyException invalid = new InvalidSteadfastPropertyException(
                "steadfast.zookeeper.session-timeout", "must be positive, was PT0S", "Set it to 6s.");

        FailureAnalysis analysis = new InvalidSteadfastPropertyFailureAnalyzer()
                .analyze(new BeanCreationException("curatorFramework", "Failed to instantiate", invalid));

        assertThat(analysis.getDescription())
                .isEqualTo("Invalid property 'steadfast.zookeeper.session-timeout': must be positive, was PT0S");
        assertThat(analysis.getAction()).isEqualTo("Set it to 6s.");
        assertThat(analysis.getCause()).isSameAs(invalid);
    }

    @Test
    void isRegisteredSoThatBootExplainsTheFailureAtStartup() {
        FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(new BeanCreationException(
                "bean", "Failed", new InvalidSteadfastPropertyException("steadfast.x", "is wrong", "Fix it.")));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("Invalid property 'steadfast.x': is wrong");
        assertThat(analysis.getAction()).isEqualTo("Fix it.");
    }
}
