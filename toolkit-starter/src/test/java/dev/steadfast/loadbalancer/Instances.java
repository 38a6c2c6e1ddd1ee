package dev.steadfast.loadbalancer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;

/** WireMock servers standing in for the instances of one service, each healthy or sick on demand. */
final class Instances implements AutoCloseable {

    private final List<WireMockServer> servers = new ArrayList<>();

    Instances(int count) {
        for (int i = 0; i < count; i++) {
            WireMockServer server =
                    new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            servers.add(server);
            healthy(i);
        }
    }

    void healthy(int index) {
        servers.get(index)
                .stubFor(get("/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
    }

    void failing(int index) {
        servers.get(index).stubFor(get("/ping").willReturn(aResponse().withStatus(503)));
    }

    int requests(int index) {
        return servers.get(index)
                .countRequestsMatching(getRequestedFor(urlEqualTo("/ping")).build())
                .getCount();
    }

    void resetRequests() {
        servers.forEach(WireMockServer::resetRequests);
    }

    String baseUrl(int index) {
        return servers.get(index).baseUrl();
    }

    String key(int index) {
        java.net.URI uri = java.net.URI.create(servers.get(index).baseUrl());
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Simple discovery properties listing every server as an instance of {@code service}. */
    List<String> discoveryProperties(String service) {
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            properties.add("spring.cloud.discovery.client.simple.instances." + service + "[" + i + "].uri="
                    + servers.get(i).baseUrl());
        }
        return properties;
    }

    @Override
    public void close() {
        servers.forEach(WireMockServer::stop);
    }
}
