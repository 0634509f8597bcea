package net.gatehouse.appliance.dataplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32C;
import net.gatehouse.appliance.CoreFixture;

/**
 * The program {@link BulkTransferIT} runs in a JVM of its own with a small heap: an appliance
 * (one event loop) with an http virtual in front of a JDK HTTP backend, then {@code SIZE} bytes
 * uploaded and {@code SIZE} bytes downloaded through it on one client connection, each checked by
 * length and CRC32C at the other end. Exits 0 and prints {@code transferred} when both match;
 * exits 1 with the reason otherwise (an OutOfMemoryError ends the JVM with a non-zero status too).
 */
public final class BulkTransferFork {

    private static final int BLOCK = 64 * 1024;

    private BulkTransferFork() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        byte[] block = block();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        backend.createContext("/", exchange -> serve(exchange, size, block));
        backend.setExecutor(threads);
        backend.start();
        String failure;
        try (CoreFixture core = CoreFixture.singleLoop(Files.createDirectories(dir))) {
            String vip = Loopback.randomAddress();
            core.tmsh("create ltm pool web members add { 127.0.0.1:" + backend.getAddress().getPort() + " }");
            core.tmsh("create ltm virtual vs destination " + vip + ":8080 pool web profiles add { tcp http }");
            failure = transfer(vip, size, block);
        } finally {
            backend.stop(0);
            threads.shutdownNow();
        }
        if (failure != null) {
            System.out.println("failed: " + failure);
            System.exit(1);
        }
        System.out.println("transferred " + size + " bytes each way");
    }

    /** The repeating pattern both ends send and check (not all zeros, so a shifted byte shows). */
    private static byte[] block() {
        byte[] block = new byte[BLOCK];
        new SplittableRandom(7).nextBytes(block);
        return block;
    }

    private static long expectedCrc(long size, byte[] block) {
        CRC32C crc = new CRC32C();
        for (long done = 0; done < size; done += block.length) {
            crc.update(block, 0, (int) Math.min(block.length, size - done));
        }
        return crc.getValue();
    }

    /** {@code POST /upload} answers the body's length and CRC32C; {@code GET /download} sends {@code size} bytes. */
    private static void serve(HttpExchange exchange, long size, byte[] block) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/upload")) {
                CRC32C crc = new CRC32C();
                long total = 0;
                byte[] buffer = new byte[BLOCK];
                InputStream in = exchange.getRequestBody();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    crc.update(buffer, 0, n);
                    total += n;
                }
                byte[] answer = (total + " " + crc.getValue()).getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } else {
                exchange.sendResponseHeaders(200, size);
                OutputStream out = exchange.getResponseBody();
                for (long sent = 0; sent < size; sent += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, size - sent));
                }
            }
        }
    }

    /** Uploads then downloads on one keep-alive connection; null when both arrived whole, else why not. */
    private static String transfer(String vip, long size, byte[] block) throws IOException {
        long expected = expectedCrc(size, block);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(vip, 8080), 5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), BLOCK);
            out.write(("POST /upload HTTP/1.1\r\nHost: bulk\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (long sent = 0; sent < size; sent += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - sent));
            }
            out.flush();
            String upload = new String(in.readNBytes((int) contentLength(in)), StandardCharsets.US_ASCII);
            if (!upload.equals(size + " " + expected)) {
                return "the backend received " + upload + " (length and CRC32C), not " + size + " " + expected;
            }
            out.write("GET /download HTTP/1.1\r\nHost: bulk\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long length = contentLength(in);
            CRC32C crc = new CRC32C();
            byte[] buffer = new byte[BLOCK];
            long received = 0;
            while (received < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - received));
                if (n < 0) {
                    break;
                }
                crc.update(buffer, 0, n);
                received += n;
            }
            if (received != size || crc.getValue() != expected) {
                return "the client received " + received + " bytes with CRC32C " + crc.getValue() + ", not " + size
                        + " " + expected;
            }
            return null;
        }
    }

    /** Reads a response head and returns its Content-Length. */
    private static long contentLength(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < 65536 && !head.toString().endsWith("\r\n\r\n"); i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in a response head: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            throw new IOException("not a 200: " + head);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        throw new IOException("no Content-Length in " + head);
    }
}
