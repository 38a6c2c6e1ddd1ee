package dev.steadfast.chaos.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy on real loopback sockets in front of an echo server that also records what reached it. */
class LinkProxyTests {

    private ServerSocket echo;
    private final BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
    private LinkProxy proxy;

    @BeforeEach
    void startEchoServerAndProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::serve, "echo");
        server.setDaemon(true);
        server.start();
        proxy = new LinkProxy("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWaysWithoutAFault() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, 7)).isEqualTo(7);
        }
    }

    @Test
    void blackHoleHoldsOpenAndNewConnectionsSilentAndDeliversTheirBytesOnceHealed() throws Exception {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, 1)).isEqualTo(1);
            received.clear();
            proxy.set(LinkFault.BLACK_HOLE);
            open.getOutputStream().write(2);
            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
            try (Socket fresh = connect()) {
                fresh.getOutputStream().write(3);
                assertThatThrownBy(() -> fresh.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();

                proxy.set(LinkFault.NONE);

                // As after TCP retransmission: nothing lost, nothing out of step, on both connections.
                assertThat(readWithin(open)).isEqualTo(2);
                assertThat(readWithin(fresh)).isEqualTo(3);
                assertThat(roundTrip(open, 4)).isEqualTo(4);
            }
        }
    }

    @Test
    void resetEndsOpenConnectionsAndRefusesNewOnes() throws Exception {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, 1)).isEqualTo(1);
            proxy.set(LinkFault.RESET);
            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketException.class);
        }
        try (Socket fresh = connect()) {
            assertThat(endedOrReset(fresh)).isTrue();
        }
    }

    @Test
    void cutInboundLetsRequestsArriveButHoldsTheAnswersUntilHealed() throws Exception {
        try (Socket client = connect()) {
            proxy.set(LinkFault.CUT_INBOUND);
            client.getOutputStream().write(5);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(5);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            proxy.set(LinkFault.NONE);
            assertThat(readWithin(client)).isEqualTo(5);
        }
    }

    @Test
    void cutOutboundHoldsTheRequestsUntilHealed() throws Exception {
        try (Socket client = connect()) {
            proxy.set(LinkFault.CUT_OUTBOUND);
            client.getOutputStream().write(6);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
            proxy.set(LinkFault.NONE);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(readWithin(client)).isEqualTo(6);
        }
    }

    @Test
    void delayHoldsEachChunkBack() throws IOException {
        proxy.set(LinkFault.delay(200));
        try (Socket client = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(client, 8)).isEqualTo(8);
            // Once on the way out and once on the way back.
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(400);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(500);
        return socket;
    }

    private static int roundTrip(Socket socket, int value) throws IOException {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(value);
        int answer = socket.getInputStream().read();
        socket.setSoTimeout(500);
        return answer;
    }

    private static int readWithin(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        int value = socket.getInputStream().read();
        socket.setSoTimeout(500);
        return value;
    }

    private static boolean endedOrReset(Socket socket) {
        try {
            socket.setSoTimeout(5_000);
            return socket.getInputStream().read() < 0;
        } catch (IOException ex) {
            return true;
        }
    }

    private void serve() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                Thread connection = new Thread(() -> echo(socket), "echo-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException ex) {
                return;
            }
        }
    }

    private void echo(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            int value;
            while ((value = in.read()) >= 0) {
                received.add(value);
                out.write(value);
                out.flush();
            }
        } catch (IOException ex) {
            // The proxy closed or reset the connection.
        }
    }
}
