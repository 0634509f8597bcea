package net.gatehouse.appliance.dataplane;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A real TLS backend: listens on 127.0.0.1 port 0 with its own certificate and greets each
 * connection, after the handshake, with its name and the SNI name it was asked for ({@code -} without).
 */
final class TlsBackend implements AutoCloseable {

    private final String name;
    private final SSLServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private TlsBackend(String name, SSLContext context) throws IOException {
        this.name = name;
        this.server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    static TlsBackend start(String name, TlsMaterial material) throws Exception {
        return new TlsBackend(name, material.context(null));
    }

    String member() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        for (int i = 0; i < 1000 && !server.isClosed(); i++) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            String sni = ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames().stream()
                    .filter(SNIHostName.class::isInstance).map(n -> ((SNIHostName) n).getAsciiName())
                    .findFirst().orElse("-");
            OutputStream out = socket.getOutputStream();
            out.write((name + " " + sni + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();
        } catch (IOException e) {
            // the proxy refused our certificate or went away: nothing more to serve
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
