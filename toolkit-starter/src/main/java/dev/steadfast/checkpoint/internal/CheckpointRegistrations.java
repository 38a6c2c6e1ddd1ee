package dev.steadfast.checkpoint.internal;

import dev.steadfast.checkpoint.Checkpointed;
import dev.steadfast.checkpoint.CheckpointedState;
import dev.steadfast.checkpoint.InvalidCheckpointConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import tools.jackson.databind.json.JsonMapper;

/** Finds the {@link CheckpointedState} beans and checks their {@link Checkpointed} declarations. */
public final class CheckpointRegistrations {

    private CheckpointRegistrations() {}

    /**
     * Reads every {@link CheckpointedState} bean of the factory.
     *
     * @throws InvalidCheckpointConfigurationException for a missing annotation, an invalid or duplicate name, an
     *     invalid interval or an unresolvable state type
     */
    @SuppressWarnings("unchecked")
    public static List<CheckpointRegistration> find(
            ListableBeanFactory beans, JsonMapper mapper, Duration defaultInterval) {
        List<CheckpointRegistration> found = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (Map.Entry<String, CheckpointedState> entry :
                beans.getBeansOfType(CheckpointedState.class).entrySet()) {
            String bean = entry.getKey();
            Class<?> type = AopUtils.getTargetClass(entry.getValue());
            Checkpointed annotation = AnnotatedElementUtils.findMergedAnnotation(type, Checkpointed.class);
            if (annotation == null) {
                throw new InvalidCheckpointConfigurationException(
                        "bean '" + bean + "'",
                        "implements CheckpointedState without @Checkpointed",
                        "Annotate " + type.getName() + " with @Checkpointed(name = \"...\").");
            }
            String name = annotation.name();
            if (!CheckpointRegistration.VALID_NAME.matcher(name).matches()) {
                throw new InvalidCheckpointConfigurationException(
                        "@Checkpointed(name = \"" + name + "\") on bean '" + bean + "'",
                        "the name is not valid",
                        "Use 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            }
            String previous = owners.putIfAbsent(name, bean);
            if (previous != null) {
                throw new InvalidCheckpointConfigurationException(
                        "@Checkpointed(name = \"" + name + "\")",
                        "used by beans '" + previous + "' and '" + bean + "'",
                        "Give every checkpointed bean its own name.");
            }
            ResolvableType stateType =
                    ResolvableType.forClass(type).as(CheckpointedState.class).getGeneric(0);
            if (stateType.resolve() == null || stateType.resolve() == Object.class) {
                throw new InvalidCheckpointConfigurationException(
                        "bean '" + bean + "'",
                        "the state type of CheckpointedState<S> cannot be resolved",
                        "Implement CheckpointedState with a concrete type, such as CheckpointedState<MyState>.");
            }
            found.add(new CheckpointRegistration(
                    name,
                    bean,
                    annotation.election(),
                    interval(annotation, bean, defaultInterval),
                    annotation.schemaVersion(),
                    entry.getValue(),
                    mapper.getTypeFactory().constructType(stateType.getType())));
        }
        return found;
    }

    private static Duration interval(Checkpointed annotation, String bean, Duration defaultInterval) {
        if (annotation.interval().isEmpty()) {
            return defaultInterval;
        }
        try {
            Duration interval = DurationStyle.detectAndParse(annotation.interval());
            if (!interval.isNegative() && !interval.isZero()) {
                return interval;
            }
        } catch (IllegalArgumentException ex) {
            // Reported below with the fix.
        }
        throw new InvalidCheckpointConfigurationException(
                "@Checkpointed(interval = \"" + annotation.interval() + "\") on bean '" + bean + "'",
                "not a positive duration",
                "Use a duration such as \"500ms\", \"30s\" or \"PT1M\", or leave it empty for "
                        + "steadfast.checkpoint.interval.");
    }
}
