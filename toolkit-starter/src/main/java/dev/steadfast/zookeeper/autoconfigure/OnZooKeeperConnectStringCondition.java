package dev.steadfast.zookeeper.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when a ZooKeeper connect string is set, ours or Spring Cloud Zookeeper's. */
class OnZooKeeperConnectStringCondition extends SpringBootCondition {

    static final String PROPERTY = "steadfast.zookeeper.connect-string";
    static final String FALLBACK_PROPERTY = "spring.cloud.zookeeper.connect-string";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String connectString = connectString(context.getEnvironment());
        return StringUtils.hasText(connectString)
                ? ConditionOutcome.match("ZooKeeper connect string " + connectString)
                : ConditionOutcome.noMatch("neither " + PROPERTY + " nor " + FALLBACK_PROPERTY + " is set");
    }

    static String connectString(org.springframework.core.env.Environment environment) {
        String own = environment.getProperty(PROPERTY);
        return StringUtils.hasText(own) ? own : environment.getProperty(FALLBACK_PROPERTY);
    }
}
