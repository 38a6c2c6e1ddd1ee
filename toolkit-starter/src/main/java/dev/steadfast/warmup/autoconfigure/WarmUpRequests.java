package dev.steadfast.warmup.autoconfigure;

import dev.steadfast.config.InvalidSteadfastPropertyException;
import dev.steadfast.warmup.internal.WarmUpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks the {@code steadfast.warmup.*} properties and turns them into requests; refuses unsafe ones. */
final class WarmUpRequests {

    private WarmUpRequests() {}

    /**
     * @param properties the properties
     * @param serviceCalls whether requests for other services can be sent (a single {@code @LoadBalanced
     *     RestClient.Builder} and Spring Cloud LoadBalancer)
     */
    static List<WarmUpRequest> from(WarmUpProperties properties, boolean serviceCalls) {
        positive("steadfast.warmup.iterations", properties.getIterations());
        positive("steadfast.warmup.concurrency", properties.getConcurrency());
        positive("steadfast.warmup.timeout", properties.getTimeout());
        positive("steadfast.warmup.request-timeout", properties.getRequestTimeout());
        List<WarmUpRequest> requests = new ArrayList<>();
        for (int i = 0; i < properties.getRequests().size(); i++) {
            WarmUpProperties.Request request = properties.getRequests().get(i);
            if (request.isEnabled()) {
                requests.add(request("steadfast.warmup.requests[" + i + "]", request, serviceCalls));
            }
        }
        return requests;
    }

    private static WarmUpRequest request(String prefix, WarmUpProperties.Request request, boolean serviceCalls) {
        String path = request.getPath();
        if (path == null || !path.startsWith("/")) {
            throw new InvalidSteadfastPropertyException(
                    prefix + ".path",
                    path == null ? "it is not set" : "'" + path + "' does not start with '/'",
                    "Set " + prefix + ".path to a path of "
                            + (request.getService() == null ? "this application" : "the service")
                            + ", such as /orders?limit=1.");
        }
        String method =
                request.getMethod() == null ? "" : request.getMethod().trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw new InvalidSteadfastPropertyException(
                    prefix + ".method",
                    "'" + request.getMethod() + "' is not an HTTP method",
                    "Set " + prefix + ".method to GET, HEAD or OPTIONS (or another method with an expected 4xx).");
        }
        Integer expected = request.getExpectedStatus();
        if (expected != null && (expected < 100 || expected > 599)) {
            throw new InvalidSteadfastPropertyException(
                    prefix + ".expected-status",
                    expected + " is not an HTTP status",
                    "Set " + prefix + ".expected-status to the status the request gets, such as 200 or 404.");
        }
        String service =
                request.getService() == null ? null : request.getService().trim();
        if (service != null && !service.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidSteadfastPropertyException(
                    prefix + ".service",
                    "'" + request.getService() + "' is not a service id",
                    "Set " + prefix + ".service to the id the service is registered with in discovery, such as"
                            + " payment-service, or remove it to send the request to this application.");
        }
        if (service != null && !serviceCalls) {
            throw new InvalidSteadfastPropertyException(
                    prefix + ".service",
                    "the request is for the service '" + service + "', but this application has no single"
                            + " @LoadBalanced RestClient.Builder bean (and Spring Cloud LoadBalancer) to send it through",
                    "Declare one @LoadBalanced RestClient.Builder bean (the one the application's own client is built"
                            + " from, so that the warm-up warms that path), or remove " + prefix + ".service.");
        }
        WarmUpRequest checked =
                new WarmUpRequest(method, path, request.getBody(), request.getContentType(), expected, service);
        if (checked.unsafe() && (expected == null || expected < 400 || expected > 499)) {
            throw new InvalidSteadfastPropertyException(
                    prefix + ".expected-status",
                    method + " " + path + " could change state (" + method
                            + " is not a safe method), and a warm-up must never change anything, yet "
                            + (expected == null ? "no expected status is set" : "the expected status is " + expected),
                    "Use GET, HEAD or OPTIONS, or make it a request the application refuses (e.g. a body that fails"
                            + " validation) and set " + prefix + ".expected-status to the 4xx it is refused with.");
        }
        return checked;
    }

    private static void positive(String property, int value) {
        if (value < 1) {
            throw new InvalidSteadfastPropertyException(
                    property, value + " is not positive", "Set " + property + " to 1 or more.");
        }
    }

    private static void positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSteadfastPropertyException(
                    property, value + " is not a positive duration", "Set " + property + " to a duration such as 5s.");
        }
    }
}
