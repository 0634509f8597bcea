package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerHttpCodecTest {

    private EmbeddedChannel server;

    @BeforeEach
    void start() {
        server = new EmbeddedChannel();
        ServerHttpCodec.addTo(server.pipeline(), new HttpDecoderConfig());
    }

    @AfterEach
    void stop() {
        server.finishAndReleaseAll();
    }

    private void send(HttpMethod method) {
        server.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/"));
        ReferenceCountUtil.release(server.readOutbound());
    }

    private List<Object> receive(String bytes) {
        server.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        List<Object> read = new ArrayList<>();
        for (Object message = server.readInbound(); message != null; message = server.readInbound()) {
            read.add(message);
        }
        return read;
    }

    private static String text(Object content) {
        ByteBuf bytes = content instanceof HttpContent piece ? piece.content() : (ByteBuf) content;
        String text = bytes.toString(StandardCharsets.US_ASCII);
        ReferenceCountUtil.release(content);
        return text;
    }

    @Test
    void aResponseToHeadHasNoBodyWhateverItsLengthSaysAndTheNextResponseParses() {
        send(HttpMethod.HEAD);
        send(HttpMethod.GET);

        List<Object> read = receive("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");

        assertThat(read).hasSize(4);
        assertThat(read.get(0)).isInstanceOf(HttpResponse.class);
        assertThat(read.get(1)).isInstanceOf(LastHttpContent.class);
        assertThat(text(read.get(1))).isEmpty();
        assertThat(read.get(2)).isInstanceOf(HttpResponse.class);
        assertThat(text(read.get(3))).isEqualTo("hi");
    }

    @Test
    void anInformationalResponseLeavesTheRequestsMethodForTheFinalOne() {
        send(HttpMethod.HEAD);

        List<Object> read = receive("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");

        assertThat(read).hasSize(4);
        assertThat(((HttpResponse) read.get(0)).status().code()).isEqualTo(100);
        assertThat(((HttpResponse) read.get(2)).status().code()).isEqualTo(200);
        assertThat(text(read.get(3))).isEmpty();
    }

    @Test
    void afterTwoHundredToConnectWhatFollowsPassesAsBytes() {
        send(HttpMethod.CONNECT);

        List<Object> read = receive("HTTP/1.1 200 Connection established\r\n\r\nnot http");
        List<Object> more = receive("HTTP/1.1 200 OK\r\n\r\n");

        assertThat(read).hasSize(3);
        assertThat(read.get(0)).isInstanceOf(HttpResponse.class);
        assertThat(read.get(1)).isInstanceOf(LastHttpContent.class);
        assertThat(text(read.get(2))).isEqualTo("not http");
        assertThat(more).hasSize(1);
        assertThat(text(more.get(0))).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
    }

    @Test
    void fieldNamesAndStatusLinesKeepTheSpellingTheServerSent() {
        send(HttpMethod.GET);
        send(HttpMethod.GET);

        List<Object> read = receive("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 0\r\n"
                + "X-Custom: b\r\n\r\nHTTP/1.0 404 Not Found\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n");

        HttpResponse first = (HttpResponse) read.get(0);
        assertThat(first.headers().entries()).extracting(Map.Entry::getKey)
                .containsExactly("Content-Type", "content-length", "X-Custom");
        assertThat(first.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(first.status().code()).isEqualTo(200);
        assertThat(first.status().reasonPhrase()).isEqualTo("OK");
        HttpResponse second = (HttpResponse) read.get(2);
        assertThat(second.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(second.status().code()).isEqualTo(404);
        assertThat(second.status().reasonPhrase()).isEqualTo("Not Found");
        assertThat(second.headers().get("server")).isEqualTo("nginx");
        read.forEach(ReferenceCountUtil::release);
    }

    @Test
    void removingTheCodecLeavesAPipelineThatCarriesBytes() {
        assertThat(ServerHttpCodec.isIn(server.pipeline())).isTrue();

        ServerHttpCodec.removeFrom(server.pipeline());

        assertThat(ServerHttpCodec.isIn(server.pipeline())).isFalse();
        assertThat(server.pipeline().names()).doesNotContain(ServerHttpCodec.ENCODER, ServerHttpCodec.DECODER);
    }
}
