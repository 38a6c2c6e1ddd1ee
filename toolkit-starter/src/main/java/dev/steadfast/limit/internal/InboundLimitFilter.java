package dev.steadfast.limit.internal;

import dev.steadfast.limit.ConcurrencyLimiter.Permit;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds the servlet application's requests over the adaptive limit: a refused request gets the {@link ShedResponse}
 * at once and never reaches the rest of the chain; an admitted one holds its permit until it ends, including
 * asynchronous processing.
 */
public final class InboundLimitFilter extends OncePerRequestFilter implements Ordered {

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
     * @param order the filter's order among the application's filters
     */
    public InboundLimitFilter(
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
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        Optional<InboundRequest> classified = policy.classify(path, request::getHeader);
        if (classified.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Permit> acquired = limiter.acquire(classified.get());
        if (acquired.isEmpty()) {
            response.setStatus(shed.status());
            response.setHeader("Retry-After", shed.retryAfter());
            response.setContentType(ShedResponse.CONTENT_TYPE);
            byte[] body = shed.body();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        Permit permit = acquired.get();
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error failure) {
            permit.failed(failure);
            throw failure;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new PermitRelease(permit));
        } else {
            permit.succeeded();
        }
    }

    /** Ends the permit of a request whose processing went asynchronous when that processing ends. */
    private static final class PermitRelease implements AsyncListener {

        private final Permit permit;

        PermitRelease(Permit permit) {
            this.permit = permit;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            permit.succeeded();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            permit.failed(new TimeoutException("Asynchronous request processing timed out"));
        }

        @Override
        public void onError(AsyncEvent event) {
            permit.failed(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new asynchronous cycle drops the listeners of the last one: stay registered until the end.
            event.getAsyncContext().addListener(this);
        }
    }
}
