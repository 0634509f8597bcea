package net.gatehouse.appliance.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback helpers: a random 127.x.y.z per test (so parallel builds do not collide), clients, and polling. */
final class Loopback {

    private Loopback() {
    }

    /** A random address in 127.0.0.0/8 other than 127.0.0.1, for a virtual server the test owns. */
    static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(2, 255);
    }

    /** Connects to a virtual server with a read timeout. */
    static Socket connect(String address, int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(5_000);
        socket.connect(new InetSocketAddress(address, port), 5_000);
        return socket;
    }

    /** Reads one line (up to a newline) without buffering past it. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                return b < 0 && line.length() == 0 ? null : line.toString();
            }
            line.append((char) b);
        }
        return line.toString();
    }

    /** Connects, reads the backend's greeting (its name) and closes. */
    static String greeting(String address, int port) throws IOException {
        try (Socket socket = connect(address, port)) {
            return readLine(socket.getInputStream());
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
