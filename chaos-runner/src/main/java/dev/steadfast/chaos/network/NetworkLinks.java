package dev.steadfast.chaos.network;

/**
 * Faults on the links of service instances, whatever carries them: the local runner's proxies, or a container
 * network. Implementations are thread-safe.
 */
public interface NetworkLinks {

    /** Applies {@code fault} to every connection of {@code link} of the instance, current and future. */
    void apply(String instanceId, Link link, LinkFault fault);

    /** Lets every link of every instance carry traffic again. */
    void healAll();
}
