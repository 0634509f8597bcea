package net.gatehouse.appliance.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend for monitor tests: an HTTP/1.0 server on loopback that answers with its name, and
 * can be stopped and started again on the same port, made to answer the wrong content, the
 * recv-disable text, or nothing at all.
 */
final class Backend implements AutoCloseable {

    /** How the backend answers. */
    enum Mode { OK, WRONG, MAINTENANCE, HANG }

    private final String name;
    private final InetAddress address;
    private final int port;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Mode mode = Mode.OK;
    private volatile ServerSocket server;
    private Thread acceptor;

    private Backend(String name, InetAddress address) throws IOException {
        this.name = name;
        this.address = address;
        this.server = bind(0, address);
        this.port = server.getLocalPort();
        startAccepting();
    }

    static Backend start(String name) throws IOException {
        return new Backend(name, InetAddress.getLoopbackAddress());
    }

    static Backend start(String name, String address) throws IOException {
        return new Backend(name, InetAddress.getByName(address));
    }

    int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as a pool member is written. */
    String member() {
        return address.getHostAddress() + ":" + port;
    }

    int requests() {
        return requests.get();
    }

    void answer(Mode next) {
        mode = next;
    }

    /** Stops listening: connections are refused. */
    synchronized void stop() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
        held.clear();
        join();
    }

    /** Listens again on the same port. */
    synchronized void restart() throws IOException {
        server = bind(port, address);
        startAccepting();
    }

    private static ServerSocket bind(int port, InetAddress address) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port));
        return socket;
    }

    private void startAccepting() {
        ServerSocket listening = server;
        acceptor = new Thread(() -> accept(listening), "backend-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void join() {
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                serve(socket);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        Mode now = mode;
        if (now == Mode.HANG) {
            held.add(socket);
            return;
        }
        try (socket) {
            socket.setSoTimeout(2000);
            readRequestHead(socket.getInputStream());
            requests.incrementAndGet();
            String status = now == Mode.WRONG ? "500 Internal Server Error" : "200 OK";
            String body = switch (now) {
                case WRONG -> "oops";
                case MAINTENANCE -> "MAINTENANCE";
                default -> "hello from " + name;
            };
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.0 " + status + "\r\nServer: " + name + "\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (SocketException e) {
            // the client went away before the answer: nothing to serve
            return;
        }
    }

    /** Reads until a blank line, or until the client stops sending (a bare connect). */
    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int i = 0; i < 8192; i++) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                return;
            }
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
