package dev.steadfast.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.zookeeper.Version;
import org.junit.jupiter.api.Test;
import org.springframework.util.ClassUtils;

/** The versions this consumer resolved from the starter's pom alone: those the Steadfast reactor tests. */
class ResolvedVersionsTests {

    @Test
    void resolvesTheTestedZooKeeperClientRatherThanCuratorsOwn() {
        assertThat(Version.getFullVersion()).startsWith("3.9.5");
    }

    @Test
    void resolvesResilience4j240() {
        assertThat(CircuitBreaker.class.getPackage().getImplementationVersion()).isEqualTo("2.4.0");
    }

    @Test
    void bringsNoNettyNativeTransportOrBoringSsl() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(loader.getResource("META-INF/native/libnetty_transport_native_epoll_x86_64.so"))
                .isNull();
        assertThat(ClassUtils.isPresent("io.netty.internal.tcnative.SSL", loader)).isFalse();
    }
}
