package dev.steadfast.loadbalancer.internal;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatusCode;

/**
 * Feeds the outcome of every load-balanced call to the outlier detectors and notes the chosen instance for a retry.
 * A failure is an exception (I/O error, timeout) or a 5xx answer; any other answer, 4xx included, shows the instance
 * working. Called by Spring Cloud LoadBalancer on the calling thread for blocking clients, on the thread that
 * subscribes for WebClient.
 */
public final class OutcomeRecordingLifecycle implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

    private final OutlierDetectors detectors;

    private final boolean recordOutcomes;

    /**
     * @param detectors where outcomes go
     * @param recordOutcomes whether outcomes go there at all (outlier ejection on), or only attempts are noted
     */
    public OutcomeRecordingLifecycle(OutlierDetectors detectors, boolean recordOutcomes) {
        this.detectors = detectors;
        this.recordOutcomes = recordOutcomes;
    }

    @Override
    public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
        return ServiceInstance.class.isAssignableFrom(serverTypeClass);
    }

    @Override
    public void onStart(Request<Object> request) {}

    @Override
    public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
        ServiceInstance instance = lbResponse.getServer();
        if (instance != null) {
            CallAttempts.attempting(request, OutlierDetectors.key(instance));
        }
    }

    @Override
    public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
        Response<ServiceInstance> response = completion.getLoadBalancerResponse();
        if (!recordOutcomes
                || completion.status() == CompletionContext.Status.DISCARD
                || response == null
                || !response.hasServer()) {
            return;
        }
        ServiceInstance instance = response.getServer();
        String key = OutlierDetectors.key(instance);
        if (completion.status() == CompletionContext.Status.FAILED || isServerError(completion.getClientResponse())) {
            detectors.recordFailure(instance.getServiceId(), key);
        } else {
            detectors.recordSuccess(instance.getServiceId(), key);
        }
    }

    private static boolean isServerError(Object clientResponse) {
        if (clientResponse instanceof ResponseData data) {
            HttpStatusCode status = data.getHttpStatus();
            return status != null && status.is5xxServerError();
        }
        return false;
    }
}
