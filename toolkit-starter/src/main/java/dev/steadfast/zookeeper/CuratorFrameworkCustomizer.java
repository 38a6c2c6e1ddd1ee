package dev.steadfast.zookeeper;

import org.apache.curator.framework.CuratorFrameworkFactory;

/**
 * Adjusts the builder of the shared Curator client before it is built. Beans of this type are applied in
 * {@link org.springframework.core.Ordered} order, after the {@code steadfast.zookeeper.*} properties.
 */
@FunctionalInterface
public interface CuratorFrameworkCustomizer {

    /** Customizes the builder; called once, on the thread that creates the client bean. */
    void customize(CuratorFrameworkFactory.Builder builder);
}
