package dev.steadfast.resilience.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.util.ReflectionUtils;

/**
 * Applies Resilience4j's rules for resolving a {@code fallbackMethod} ahead of time: same name, a return type
 * the original's return type can hold, and either the original parameters plus one trailing {@code Throwable}
 * (or subtype) or only that {@code Throwable}.
 */
final class FallbackSignatures {

    private FallbackSignatures() {}

    /** Returns the problem with the fallback, or empty when at least one candidate matches. */
    static Optional<String> check(Class<?> type, Method original, String fallbackName) {
        List<Method> sameName = new ArrayList<>();
        ReflectionUtils.doWithMethods(
                type, sameName::add, candidate -> candidate.getName().equals(fallbackName));
        if (sameName.isEmpty()) {
            return Optional.of("no method named '" + fallbackName + "' exists in " + type.getName() + ".");
        }
        if (sameName.stream().anyMatch(candidate -> matches(candidate, original))) {
            return Optional.empty();
        }
        return Optional.of("'" + fallbackName + "' exists in " + type.getName()
                + " but no overload can serve as its fallback (found: "
                + sameName.stream().map(FallbackSignatures::describe).collect(Collectors.joining(", ")) + ").");
    }

    static String fix(Method original, String fallbackName) {
        String returnType = original.getReturnType().getSimpleName();
        String params = Arrays.stream(original.getParameterTypes())
                .map(Class::getSimpleName)
                .map(name -> name + ", ")
                .collect(Collectors.joining());
        return "Declare '" + returnType + " " + fallbackName + "(" + params + "Throwable failure)' (or with only the "
                + "Throwable parameter) in the same class, returning a type assignable to " + returnType
                + "; a narrower exception type than Throwable is allowed.";
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static boolean matches(Method candidate, Method original) {
        if (!original.getReturnType().isAssignableFrom(candidate.getReturnType())) {
            return false;
        }
        Class<?>[] params = candidate.getParameterTypes();
        if (params.length == 1) {
            return Throwable.class.isAssignableFrom(params[0]);
        }
        Class<?>[] originalParams = original.getParameterTypes();
        if (params.length != originalParams.length + 1) {
            return false;
        }
        for (int i = 0; i < originalParams.length; i++) {
            if (originalParams[i] != params[i]) {
                return false;
            }
        }
        return Throwable.class.isAssignableFrom(params[originalParams.length]);
    }
}
