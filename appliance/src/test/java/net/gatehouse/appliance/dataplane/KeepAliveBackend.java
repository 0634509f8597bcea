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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 keep-alive backend on raw sockets (127.0.0.1, port 0) that counts the connections
 * it accepts, so a test can see server-side connection reuse. Every answer's body is
 * {@code NAME#N} (N: which of its accepted connections carried it). Paths: {@code /close} answers
 * with {@code Connection: close} and closes; {@code /big} answers 8 MiB; {@code /hold} answers
 * only once {@link #release} is called; {@code /drop-next} answers, and the next request on the
 * same connection is read and the connection closed without an answer; anything else answers
 * at once. Request bodies (Content-Length) are read and ignored.
 */
final class KeepAliveBackend implements AutoCloseable {

    static final int BIG = 8 * 1024 * 1024;

    private final String name;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<String> sources = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(1);

    private KeepAliveBackend(String name) throws IOException {
        this.name = name;
        server = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::accept);
    }

    static KeepAliveBackend start(String name) throws IOException {
        return new KeepAliveBackend(name);
    }

    String member() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections the other side closed so far. */
    int closedByPeer() {
        return closed.get();
    }

    /** The source address of each accepted connection, in order. */
    List<String> sources() {
        return List.copyOf(sources);
    }

    /** Lets every held request ({@code /hold}) be answered. */
    void release() {
        hold.countDown();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = accepted.incrementAndGet();
                sources.add(((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress());
                open.add(socket);
                threads.execute(() -> serve(socket, number));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            boolean dropNext = false;
            for (int i = 0; i < 100_000; i++) {
                String head = readHead(in);
                if (head == null) {
                    closed.incrementAndGet();
                    return;
                }
                skipBody(in, head);
                if (dropNext) {
                    return;
                }
                String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                String body = name + "#" + number;
                switch (path) {
                    case "/close" -> {
                        answer(out, body, "Connection: close\r\n");
                        return;
                    }
                    case "/big" -> {
                        out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + BIG + "\r\n\r\n"));
                        byte[] chunk = new byte[64 * 1024];
                        for (int sent = 0; sent < BIG; sent += chunk.length) {
                            out.write(chunk);
                        }
                        out.flush();
                    }
                    case "/hold" -> {
                        if (!hold.await(10, TimeUnit.SECONDS)) {
                            return;
                        }
                        answer(out, body, "");
                    }
                    case "/drop-next" -> {
                        dropNext = true;
                        answer(out, body, "");
                    }
                    default -> answer(out, body, "");
                }
            }
        } catch (IOException e) {
            closed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(OutputStream out, String body, String extra) throws IOException {
        // Head and body in one write: two small writes would wait on Nagle and delayed ACKs (40 ms each).
        out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n" + extra + "\r\n" + body));
        out.flush();
    }

    /** A request head up to its empty line; null when the connection closed first. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < 65536; i++) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        throw new IOException("a request head over 64 KiB");
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                long left = Long.parseLong(line.substring(15).trim());
                while (left > 0) {
                    long skipped = in.skip(left);
                    if (skipped <= 0 && in.read() < 0) {
                        throw new IOException("the body ended early");
                    }
                    left -= Math.max(skipped, 1);
                }
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        hold.countDown();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
