package net.gatehouse.appliance.dataplane;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.gatehouse.appliance.persist.irule.RuleDecision;

/**
 * The response an iRule's {@code HTTP::respond} or {@code HTTP::redirect} sends, as F5 documents
 * it: an HTTP/1.0 response with the given status, headers and content, a {@code Content-Length}
 * the appliance computes (replacing any the rule gives) and {@code Server: BIG-IP} unless the rule
 * says {@code noserver}. Gatehouse then closes the client connection ({@code Connection: close}).
 */
final class RuleResponses {

    private RuleResponses() {
    }

    static FullHttpResponse of(RuleDecision.LocalResponse local, ByteBufAllocator alloc) {
        byte[] body = local.content().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_0,
                HttpResponseStatus.valueOf(local.status()), alloc.buffer(body.length).writeBytes(body));
        for (Map.Entry<String, String> header : local.headers()) {
            response.headers().add(header.getKey(), header.getValue());
        }
        // Header names as BIG-IP writes them (Netty's constants are lower case).
        response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        if (local.server()) {
            response.headers().set("Server", "BIG-IP");
        }
        response.headers().set("Content-Length", body.length).set("Connection", "close");
        return response;
    }
}
