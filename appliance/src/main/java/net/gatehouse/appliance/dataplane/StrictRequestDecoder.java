package net.gatehouse.appliance.dataplane;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The client-side request parser, strict against request smuggling: strict line parsing (CRLF
 * only, no bare LF), header name and value validation (no obs-fold, no invalid names), RFC 9112
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
                .setValidateHeaders(true)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true)
                .setAllowPartialChunks(true));
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new AmbiguousFramingException();
    }
}
