package dev.steadfast.resilience;

import java.net.URL;

/** A class loader that shows a class of resilience4j-spring-boot3 as a resource, as that module's jar would. */
public class Boot3ModuleClassLoader extends ClassLoader {

    private static final String BOOT3_CLASS =
            "io/github/resilience4j/springboot3/circuitbreaker/autoconfigure/CircuitBreakerAutoConfiguration.class";

    public Boot3ModuleClassLoader() {
        super(Boot3ModuleClassLoader.class.getClassLoader());
    }

    @Override
    public URL getResource(String name) {
        if (BOOT3_CLASS.equals(name)) {
            // Any existing resource will do: the check only asks whether the class file is there.
            return getParent().getResource("META-INF/spring.factories");
        }
        return super.getResource(name);
    }
}
