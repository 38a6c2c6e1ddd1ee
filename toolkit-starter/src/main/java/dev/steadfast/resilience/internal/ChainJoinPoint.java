package dev.steadfast.resilience.internal;

import io.github.resilience4j.core.functions.CheckedFunction;
import org.aopalliance.intercept.MethodInvocation;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.Signature;
import org.aspectj.lang.reflect.SourceLocation;
import org.aspectj.runtime.internal.AroundClosure;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.aspectj.MethodInvocationProceedingJoinPoint;

/**
 * The join point that Resilience4j's aspect extensions expect, over one call of a chain: it describes the call as
 * Spring's own adapter does, and {@link #proceed()} runs the rest of the chain (the inner patterns), not only the
 * target.
 */
final class ChainJoinPoint implements ProceedingJoinPoint {

    private final MethodInvocation call;

    private final CheckedFunction<MethodInvocation, Object> next;

    private final MethodInvocationProceedingJoinPoint description;

    ChainJoinPoint(MethodInvocation call, CheckedFunction<MethodInvocation, Object> next) {
        this.call = call;
        this.next = next;
        this.description = new MethodInvocationProceedingJoinPoint((ProxyMethodInvocation) call);
    }

    @Override
    public Object proceed() throws Throwable {
        return next.apply(call);
    }

    @Override
    public Object proceed(Object[] args) throws Throwable {
        // Resilience4j's extensions never change the arguments; a chain layer must not either.
        throw new UnsupportedOperationException("A resilience pattern cannot change the call's arguments");
    }

    @Override
    public void set$AroundClosure(AroundClosure closure) {
        description.set$AroundClosure(closure);
    }

    @Override
    public String toShortString() {
        return description.toShortString();
    }

    @Override
    public String toLongString() {
        return description.toLongString();
    }

    @Override
    public String toString() {
        return description.toString();
    }

    @Override
    public Object getThis() {
        return description.getThis();
    }

    @Override
    public Object getTarget() {
        return description.getTarget();
    }

    @Override
    public Object[] getArgs() {
        return description.getArgs();
    }

    @Override
    public Signature getSignature() {
        return description.getSignature();
    }

    @Override
    public SourceLocation getSourceLocation() {
        return description.getSourceLocation();
    }

    @Override
    public String getKind() {
        return description.getKind();
    }

    @Override
    public StaticPart getStaticPart() {
        return description.getStaticPart();
    }
}
