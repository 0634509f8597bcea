package net.gatehouse.appliance.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * The client-side request parser, strict against request smuggling: strict line parsing (CRLF
 * only, no bare LF), header name and value validation (no invalid names), no obs-fold, RFC 9112
 * Transfer-Encoding (chunked last, no unknown codings), differing duplicate Content-Length
 * refused, and a request carrying both Content-Length and chunked Transfer-Encoding refused
 * outright (Netty's default drops the Content-Length and carries on, as RFC 9112 allows a server
 * to; a proxy must not guess which framing the backend will believe).
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

    /** A request with Content-Length and Transfer-Encoding both. */
    static final class AmbiguousFramingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        AmbiguousFramingException() {
            super("Content-Length and Transfer-Encoding: chunked in one request");
        }
    }

    StrictRequestDecoder(int maxHeaderSize) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxHeaderSize)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setHeadersFactory(KnownHeaderNames.HEADERS)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true)
                .setAllowPartialChunks(true));
    }

    /** Whether the bytes at the reader index belong to a request's head (its start line and fields). */
    private boolean inHead = true;
    /** The last byte the parser consumed, to see whether the next one starts a line. */
    private byte lastConsumed;
    private boolean failed;

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new AmbiguousFramingException();
    }

    /**
     * Refuses obs-fold (a field line continued on a line starting with a space or tab), which
     * Netty's parser would join into the field's value, before the parser sees the head; then parses.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (failed) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (inHead && foldedLine(buffer)) {
            failed = true;
            buffer.skipBytes(buffer.readableBytes());
            HttpRequest refused = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
            refused.setDecoderResult(DecoderResult.failure(
                    new IllegalArgumentException("obs-fold (a field continued on the next line) in a request")));
            out.add(refused);
            return;
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest) {
                inHead = false;
            }
            if (decoded instanceof LastHttpContent) {
                inHead = true;
            }
        }
        if (buffer.readerIndex() > 0) {
            lastConsumed = buffer.getByte(buffer.readerIndex() - 1);
        }
    }

    /** A field name browsers commonly send is taken from {@link KnownHeaderNames} rather than copied. */
    @Override
    protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
        AsciiString known = KnownHeaderNames.REQUEST.find(bytes, start, length);
        return known != null ? known : super.splitHeaderName(bytes, start, length);
    }

    /** A line of the head that starts with SP or HT, looking no further than the head's end. */
    private boolean foldedLine(ByteBuf buffer) {
        byte previous = lastConsumed;
        for (int i = buffer.readerIndex(); i < buffer.writerIndex(); i++) {
            byte b = buffer.getByte(i);
            if (previous == '\n') {
                if (b == ' ' || b == '\t') {
                    return true;
                }
                if (b == '\n' || (b == '\r' && i + 1 < buffer.writerIndex() && buffer.getByte(i + 1) == '\n')) {
                    return false;
                }
            }
            previous = b;
        }
        return false;
    }
}
