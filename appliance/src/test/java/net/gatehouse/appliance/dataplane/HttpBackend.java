package net.gatehouse.appliance.dataplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 backend for the tests (the JDK's server on 127.0.0.1 port 0). Paths:
 * {@code /echo} answers the request's method, path and headers (one per line, lower case);
 * {@code /status/N} answers status N with no body; {@code /upload} reads the body and answers its
 * length; {@code /download/N} streams N bytes; {@code /named} answers the backend's name;
 * {@code /cookie/NAME} answers it too, setting a blank cookie {@code NAME} and {@code app=1}; anything
 * else answers the path.
 */
final class HttpBackend implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private HttpBackend(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static HttpBackend start(String name) throws IOException {
        return new HttpBackend(name);
    }

    String member() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.startsWith("/status/")) {
                int status = Integer.parseInt(path.substring(8));
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(status, -1);
            } else if (path.equals("/echo")) {
                exchange.getRequestBody().readAllBytes();
                StringBuilder body = new StringBuilder(exchange.getRequestMethod() + " " + path + "\n");
                Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                sorted.putAll(exchange.getRequestHeaders());
                sorted.forEach((header, values) -> values.forEach(value ->
                        body.append(header.toLowerCase()).append(": ").append(value).append('\n')));
                send(exchange, body.toString());
            } else if (path.equals("/upload")) {
                long total = 0;
                byte[] buffer = new byte[64 * 1024];
                InputStream in = exchange.getRequestBody();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                }
                send(exchange, Long.toString(total));
            } else if (path.startsWith("/download/")) {
                long size = Long.parseLong(path.substring(10));
                exchange.sendResponseHeaders(200, size);
                byte[] buffer = new byte[64 * 1024];
                OutputStream out = exchange.getResponseBody();
                for (long sent = 0; sent < size; sent += buffer.length) {
                    out.write(buffer, 0, (int) Math.min(buffer.length, size - sent));
                }
            } else if (path.equals("/named")) {
                send(exchange, name);
            } else if (path.startsWith("/cookie/")) {
                exchange.getResponseHeaders().add("Set-Cookie", path.substring(8) + "=" + "0".repeat(20) + "; path=/");
                exchange.getResponseHeaders().add("Set-Cookie", "app=1");
                send(exchange, name);
            } else {
                exchange.getRequestBody().readAllBytes();
                send(exchange, path);
            }
        }
    }

    private static void send(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
