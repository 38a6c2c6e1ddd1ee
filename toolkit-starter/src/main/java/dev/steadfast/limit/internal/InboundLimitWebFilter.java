package dev.steadfast.limit.internal;

import dev.steadfast.limit.ConcurrencyLimiter.Permit;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sheds the WebFlux application's requests over the adaptive limit: a refused request gets the {@link ShedResponse}
 * at once; an admitted one holds its permit until the rest of the chain completes, fails or is cancelled.
 */
public final class InboundLimitWebFilter implements WebFilter, Ordered {

    private final AdaptiveLimiter<InboundRequest> limiter;

    private final InboundPolicy policy;

    private final ShedResponse shed;

    private final int order;

    /**
     * Creates the filter.
     *
     * @param limiter the inbound limiter
     * @param policy the exclusions and priorities
     * @param shed the answer to a shed request
     * @param order the filter's order among the application's web filters
     */
    public InboundLimitWebFilter(
            AdaptiveLimiter<InboundRequest> limiter, InboundPolicy policy, ShedResponse shed, int order) {
        this.limiter = limiter;
        this.policy = policy;
        this.shed = shed;
        this.order = order;
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<InboundRequest> classified = policy.classify(
                exchange.getRequest().getPath().pathWithinApplication(),
                exchange.getRequest().getHeaders()::getFirst);
        if (classified.isEmpty()) {
            return chain.filter(exchange);
        }
        InboundRequest request = classified.get();
        // The permit is taken on subscription, so that a chain assembled but never run holds none.
        return Mono.defer(() -> admit(request, exchange, chain));
    }

    private Mono<Void> admit(InboundRequest request, ServerWebExchange exchange, WebFilterChain chain) {
        Optional<Permit> acquired = limiter.acquire(request);
        if (acquired.isEmpty()) {
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatusCode.valueOf(shed.status()));
            response.getHeaders().set("Retry-After", shed.retryAfter());
            response.getHeaders().set("Content-Type", ShedResponse.CONTENT_TYPE);
            DataBuffer body = response.bufferFactory().wrap(shed.body());
            return response.writeWith(Mono.just(body));
        }
        Permit permit = acquired.get();
        return chain.filter(exchange)
                .doOnSuccess(ignored -> permit.succeeded())
                .doOnError(permit::failed)
                .doOnCancel(permit::abandoned);
    }
}
