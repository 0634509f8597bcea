package net.gatehouse.appliance.dataplane;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import net.gatehouse.appliance.persist.PersistContext;

/**
 * What a client connection shows persistence at its balancing decision: its addresses, its
 * client-ssl session id (the handshake is done before the virtual's handler sees the connection)
 * and, on the L7 path, its first request.
 */
final class PersistFacts {

    private PersistFacts() {
    }

    /** @param request the first request on the L7 path; null at layer 4 */
    static PersistContext of(Channel client, HttpRequest request) {
        return new PersistContext((InetSocketAddress) client.remoteAddress(),
                (InetSocketAddress) client.localAddress(), sessionId(client),
                Optional.ofNullable(request).map(Request::new));
    }

    /**
     * The TLS session id, in hex, of a client-ssl connection; empty without client-ssl or when the
     * session has no id (TLS 1.3 resumes by pre-shared key, and a server may give none).
     */
    static Optional<String> sessionId(Channel client) {
        SslHandler ssl = client.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty();
        }
        SSLSession session = ssl.engine().getSession();
        byte[] id = session == null ? null : session.getId();
        return id == null || id.length == 0 ? Optional.empty() : Optional.of(HexFormat.of().formatHex(id));
    }

    /** A Netty request as an iRule's {@code HTTP::} commands read it. */
    private record Request(HttpRequest request) implements PersistContext.RequestFacts {
        @Override
        public String uri() {
            return request.uri();
        }

        @Override
        public Optional<String> header(String name) {
            List<String> all = request.headers().getAll(name);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        @Override
        public Optional<String> cookie(String name) {
            for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
                for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                    if (cookie.name().equals(name)) {
                        return Optional.of(cookie.value());
                    }
                }
            }
            return Optional.empty();
        }
    }
}
