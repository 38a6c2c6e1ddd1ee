package dev.steadfast.loadbalancer.internal;

import dev.steadfast.loadbalancer.TriedInstances;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Makes a request carry the {@link TriedInstances} it finds in its subscriber's Reactor context under
 * {@link TriedInstances#ATTRIBUTE} instead of the request's own. A hedge builds a new request for each attempt, so
 * only the context, which the hedge gives each attempt's subscription, can carry one record to all of them. The
 * outermost filter of a {@code @LoadBalanced WebClient.Builder}, so the load balancer's filter sees the record.
 */
final class TriedInstancesFromContext implements ExchangeFilterFunction {

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.deferContextual(context -> {
            Object shared = context.getOrDefault(TriedInstances.ATTRIBUTE, null);
            return next.exchange(
                    shared instanceof TriedInstances call
                            ? ClientRequest.from(request)
                                    .attribute(TriedInstances.ATTRIBUTE, call)
                                    .build()
                            : request);
        });
    }
}
