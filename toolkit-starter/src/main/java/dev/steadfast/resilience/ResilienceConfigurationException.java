package dev.steadfast.resilience;

/**
 * Thrown at start-up when Resilience4j would silently misbehave: a fallback that cannot be found, an
 * annotation on a method that cannot be intercepted, or an incompatible Resilience4j module.
 */
public class ResilienceConfigurationException extends IllegalStateException {

    private final String beanName;

    private final String method;

    private final String problem;

    private final String fix;

    /**
     * Creates the exception.
     *
     * @param beanName the offending bean, or {@code null} when the problem is not about one bean
     * @param method the offending method as {@code Type.name(params)}, or {@code null}
     * @param problem what is wrong, as a full sentence
     * @param fix how to fix it, as a full sentence
     */
    public ResilienceConfigurationException(String beanName, String method, String problem, String fix) {
        super(describe(beanName, method, problem));
        this.beanName = beanName;
        this.method = method;
        this.problem = problem;
        this.fix = fix;
    }

    private static String describe(String beanName, String method, String problem) {
        StringBuilder text = new StringBuilder();
        if (beanName != null) {
            text.append("Bean '").append(beanName).append("'");
            if (method != null) {
                text.append(", method ").append(method);
            }
            text.append(": ");
        }
        return text.append(problem).toString();
    }

    /** The offending bean's name, or {@code null}. */
    public String beanName() {
        return beanName;
    }

    /** The offending method, or {@code null}. */
    public String method() {
        return method;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** How to fix it. */
    public String fix() {
        return fix;
    }
}
