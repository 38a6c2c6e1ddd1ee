package dev.steadfast.resilience.internal;

import java.lang.reflect.Method;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Selects the methods that carry Resilience4j annotations, once per method when the proxy is created, so that no
 * call pays for a runtime pointcut test.
 */
public final class ResilienceAnnotationPointcut extends StaticMethodMatcherPointcut {

    /** Creates the pointcut. */
    public ResilienceAnnotationPointcut() {
        setClassFilter(ResilienceAnnotationPointcut::isCandidate);
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        // Annotations declared on an interface method count when the target is a JDK proxy of that interface.
        return !ResilienceAnnotations.on(specific).isEmpty()
                || (specific != method && !ResilienceAnnotations.on(method).isEmpty());
    }

    private static boolean isCandidate(Class<?> type) {
        return AnnotationUtils.isCandidateClass(type, ResilienceAnnotations.TYPES);
    }
}
