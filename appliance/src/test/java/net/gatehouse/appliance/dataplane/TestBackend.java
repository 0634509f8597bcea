package net.gatehouse.appliance.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend for the tests: listens on 127.0.0.1 port 0, greets each connection with its
 * name and a newline, then echoes what it reads; on the client's FIN it writes {@code bye} and
 * closes. Remembers the address each connection came from.
 */
final class TestBackend implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private TestBackend(String name) throws IOException {
        this.name = name;
        this.server = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    static TestBackend start(String name) throws IOException {
        return new TestBackend(name);
    }

    String name() {
        return name;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The pool member name: {@code 127.0.0.1:port}. */
    String member() {
        return "127.0.0.1:" + port();
    }

    int accepted() {
        return accepted.get();
    }

    int open() {
        return open.get();
    }

    List<InetSocketAddress> peers() {
        return List.copyOf(peers);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                peers.add((InetSocketAddress) socket.getRemoteSocketAddress());
                sockets.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        open.incrementAndGet();
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            out.write("bye\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client or the proxy reset the connection: nothing more to serve
        } finally {
            open.decrementAndGet();
            sockets.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
