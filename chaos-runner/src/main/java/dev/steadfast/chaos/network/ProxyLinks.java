package dev.steadfast.chaos.network;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The local runner's links: one {@link LinkProxy} per instance and server, all on loopback. */
public final class ProxyLinks implements NetworkLinks, AutoCloseable {

    private final Map<String, Map<Link, List<LinkProxy>>> proxies = new ConcurrentHashMap<>();

    /** Opens a proxy from {@code instanceId} to {@code target} on {@code link}; returns its loopback port. */
    public int open(String instanceId, Link link, InetSocketAddress target) {
        LinkProxy proxy = new LinkProxy(instanceId + "-" + link.name().toLowerCase(), target);
        proxies.computeIfAbsent(instanceId, id -> new ConcurrentHashMap<>())
                .computeIfAbsent(link, l -> new ArrayList<>())
                .add(proxy);
        return proxy.port();
    }

    @Override
    public void apply(String instanceId, Link link, LinkFault fault) {
        proxies.getOrDefault(instanceId, Map.of()).getOrDefault(link, List.of()).forEach(proxy -> proxy.set(fault));
    }

    @Override
    public void healAll() {
        proxies.values().forEach(links -> links.values().forEach(list -> list.forEach(p -> p.set(LinkFault.NONE))));
    }

    @Override
    public void close() {
        proxies.values().forEach(links -> links.values().forEach(list -> list.forEach(LinkProxy::close)));
    }
}
