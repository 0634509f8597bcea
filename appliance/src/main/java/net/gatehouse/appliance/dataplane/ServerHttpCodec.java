package net.gatehouse.appliance.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.AsciiString;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * The HTTP/1.1 codec of a server-side connection, as two handlers in its pipeline: the request
 * encoder ({@value #ENCODER}) and the response decoder ({@value #DECODER}). It does what Netty's
 * {@code HttpClientCodec} does (the encoder remembers each request's method, so the decoder knows
 * that a response to HEAD has no body, whatever its framing fields say, and that a 200 answer to
 * CONNECT ends HTTP on the connection: what follows is passed on as bytes) without that codec's
 * combined handler, which every read and write of the connection went through once more. Response
 * field names that servers commonly send are taken from {@link KnownHeaderNames}, and the usual
 * status line words ({@code HTTP/1.1}, {@code 200}, {@code OK}) are not copied.
 */
final class ServerHttpCodec {

    /** The decoder's name in the pipeline (the pipeline is HTTP while it is there). */
    static final String DECODER = "codec";
    static final String ENCODER = "encoder";

    private static final String HTTP_1_1 = "HTTP/1.1";
    private static final String STATUS_200 = "200";
    private static final String REASON_OK = "OK";

    /** The methods of the requests sent whose responses have not begun, oldest first. */
    private final Queue<HttpMethod> methods = new ArrayDeque<>();
    /** A CONNECT was answered with 200: no more HTTP on this connection. */
    private boolean tunnel;

    private ServerHttpCodec() {
    }

    /** Adds the encoder and the decoder at the end of a server-side pipeline. */
    static void addTo(ChannelPipeline pipeline, HttpDecoderConfig config) {
        ServerHttpCodec codec = new ServerHttpCodec();
        pipeline.addLast(DECODER, codec.new Decoder(config)).addLast(ENCODER, codec.new Encoder());
    }

    /** Whether the pipeline still speaks HTTP (its decoder is there). */
    static boolean isIn(ChannelPipeline pipeline) {
        return pipeline.get(DECODER) != null;
    }

    /** Removes both handlers: the connection carries bytes from now on (after 101 Switching Protocols). */
    static void removeFrom(ChannelPipeline pipeline) {
        pipeline.remove(ENCODER);
        pipeline.remove(DECODER);
    }

    private final class Encoder extends HttpRequestEncoder {
        @Override
        protected void encode(ChannelHandlerContext ctx, Object message, List<Object> out) throws Exception {
            if (message instanceof HttpRequest request) {
                methods.offer(request.method());
            }
            super.encode(ctx, message, out);
        }
    }

    private final class Decoder extends HttpResponseDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (tunnel) {
                int readable = actualReadableBytes();
                if (readable > 0) {
                    out.add(buffer.readBytes(readable));
                }
                return;
            }
            super.decode(ctx, buffer, out);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage message) {
            int status = ((HttpResponse) message).status().code();
            if (status >= 100 && status < 200) {
                // An informational response answers no request by itself.
                return super.isContentAlwaysEmpty(message);
            }
            HttpMethod method = methods.poll();
            if (HttpMethod.HEAD.equals(method)) {
                return true;
            }
            if (HttpMethod.CONNECT.equals(method) && status == 200) {
                tunnel = true;
                methods.clear();
                return true;
            }
            return super.isContentAlwaysEmpty(message);
        }

        @Override
        protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
            AsciiString known = KnownHeaderNames.RESPONSE.find(bytes, start, length);
            return known != null ? known : super.splitHeaderName(bytes, start, length);
        }

        @Override
        protected String splitFirstWordInitialLine(byte[] bytes, int start, int length) {
            return same(HTTP_1_1, bytes, start, length) ? HTTP_1_1 : super.splitFirstWordInitialLine(bytes, start, length);
        }

        @Override
        protected String splitSecondWordInitialLine(byte[] bytes, int start, int length) {
            return same(STATUS_200, bytes, start, length) ? STATUS_200
                    : super.splitSecondWordInitialLine(bytes, start, length);
        }

        @Override
        protected String splitThirdWordInitialLine(byte[] bytes, int start, int length) {
            return same(REASON_OK, bytes, start, length) ? REASON_OK
                    : super.splitThirdWordInitialLine(bytes, start, length);
        }
    }

    /** Whether the bytes spell {@code word} (ASCII) exactly. */
    private static boolean same(String word, byte[] bytes, int start, int length) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
