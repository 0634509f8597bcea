package net.gatehouse.appliance.dataplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A raw-socket backend that answers nothing and records every byte it receives, on any connection. */
final class RecordingBackend implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger accepted = new AtomicInteger();

    RecordingBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    String member() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    synchronized byte[] received() {
        return received.toByteArray();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                threads.execute(() -> record(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void record(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (this) {
                    received.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The proxy reset the connection: what arrived before is recorded.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
