package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling shapes through an http virtual: each is refused (the client connection is
 * reset) and the backend, a raw socket that records every byte, receives nothing at all.
 */
class SmugglingIT {

    private static final int PORT = 8080;
    private static final String HEAD = "POST / HTTP/1.1\r\nHost: example\r\n";

    @TempDir
    Path dir;

    private CoreFixture core;
    private RecordingBackend backend;
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir);
        backend = new RecordingBackend();
        vip = Loopback.randomAddress();
        core.tmsh("create ltm pool web members add { " + backend.member() + " }");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp http }");
    }

    @AfterEach
    void stop() throws IOException {
        core.close();
        backend.close();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("CL.TE", HEAD + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG"),
                Arguments.of("TE.CL", HEAD + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n"),
                Arguments.of("CL.TE upper case", HEAD + "Content-Length: 4\r\nTransfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE.TE unknown coding", HEAD + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE.TE chunked not last", HEAD + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE.TE duplicate field", HEAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE.TE space before colon", HEAD + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE obs-fold", HEAD + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("obs-fold in any field", HEAD + "X-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("duplicate differing Content-Length", HEAD + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                Arguments.of("Content-Length list", HEAD + "Content-Length: 5, 6\r\n\r\nhello!"),
                Arguments.of("Content-Length with sign", HEAD + "Content-Length: +5\r\n\r\nhello"),
                Arguments.of("negative Content-Length", HEAD + "Content-Length: -1\r\n\r\n"),
                Arguments.of("bare LF line endings", "GET / HTTP/1.1\nHost: example\n\n"),
                Arguments.of("bare LF after headers", "GET / HTTP/1.1\r\nHost: example\r\n\n"),
                Arguments.of("bare CR in a field", HEAD + "X-A: a\rTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("malformed chunk size", HEAD + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size with 0x prefix", HEAD + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("space in a field name", HEAD + "Bad Header: x\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("NUL in a field value", HEAD + "X-A: a\0b\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("oversize header", HEAD + "X-Big: " + "a".repeat(40_000) + "\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("too many headers", HEAD + "X-Many: a\r\n".repeat(70) + "Content-Length: 0\r\n\r\n"),
                Arguments.of("bad version", "GET / HTTP/1.1x\r\nHost: example\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void anAmbiguousRequestIsRefusedAndTheBackendReceivesNothing(String shape, String request) throws Exception {
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).as(shape).doesNotContain("HTTP/1.1 2");
        }
        await(shape + " counted", Duration.ofSeconds(5), () -> httpResets() == 1);
        assertThat(backend.received()).as(shape + " reached the backend").isEmpty();
        assertThat(httpResets()).as(shape + " counted").isEqualTo(1);
    }

    @Test
    void aWellFormedRequestDoesReachTheBackend() throws Exception {
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii(HEAD + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
            await("the backend receives the request", Duration.ofSeconds(5),
                    () -> new String(backend.received(), StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n"));
        }
        assertThat(new String(backend.received(), StandardCharsets.ISO_8859_1))
                .startsWith("POST / HTTP/1.1\r\n").contains("\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    }

    /** Reads what the proxy sends until it closes or resets the connection. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            out.write(ascii("[reset]"));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private long httpResets() {
        return core.appliance().dataPlane().resetCauses().entrySet().stream()
                .filter(e -> e.getKey().name().startsWith("HTTP_")).mapToLong(e -> e.getValue()).sum();
    }
}
