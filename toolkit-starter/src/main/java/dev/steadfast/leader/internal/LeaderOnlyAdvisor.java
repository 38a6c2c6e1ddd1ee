package dev.steadfast.leader.internal;

import dev.steadfast.leader.LeaderOnly;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/** Applies {@link LeaderOnlyInterceptor} to every method annotated with {@link LeaderOnly}. */
public final class LeaderOnlyAdvisor extends AbstractPointcutAdvisor {

    private final transient Pointcut pointcut = AnnotationMatchingPointcut.forMethodAnnotation(LeaderOnly.class);
    private final transient LeaderOnlyInterceptor interceptor;

    public LeaderOnlyAdvisor(LeaderOnlyInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return interceptor;
    }
}
