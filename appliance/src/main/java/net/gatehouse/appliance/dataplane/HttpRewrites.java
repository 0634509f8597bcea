package net.gatehouse.appliance.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import net.gatehouse.appliance.view.LtmView;

/** What the http profile does to headers: hop-by-hop removal, inserts and erasures, redirects, HSTS. */
final class HttpRewrites {

    /** RFC 9110 7.6.1's hop-by-hop fields, and the two legacy ones proxies remove too. */
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE);

    /** Spelled as BIG-IP writes it; an AsciiString so the header map neither validates nor hashes it per request. */
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");

    /** Between the fields of a {@code header-insert} value (compiled once, not per request). */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n");

    private HttpRewrites() {
    }

    /** Whether the message asks to switch protocols: an Upgrade field named in Connection. */
    static boolean isUpgrade(HttpMessage message) {
        return message.headers().contains(HttpHeaderNames.UPGRADE)
                && message.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /**
     * Removes the hop-by-hop fields and the fields the Connection field names; keeps Upgrade (and
     * {@code Connection: Upgrade}) when the message switches protocols.
     */
    static void removeHopByHop(HttpMessage message) {
        HttpHeaders headers = message.headers();
        boolean upgrade = isUpgrade(message);
        String upgradeTo = upgrade ? headers.get(HttpHeaderNames.UPGRADE) : null;
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
                removeNamedFields(headers, connection);
            }
        }
        for (int i = 0; i < HOP_BY_HOP.size(); i++) {
            headers.remove(HOP_BY_HOP.get(i));
        }
        if (upgrade) {
            headers.set(HttpHeaderNames.UPGRADE, upgradeTo);
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
    }

    /** Removes the fields a Connection value names ({@code close, X-Private}), except Upgrade. */
    private static void removeNamedFields(HttpHeaders headers, String connection) {
        int start = 0;
        while (start <= connection.length()) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? connection.length() : comma;
            String name = connection.substring(start, end).trim();
            if (!name.isEmpty() && !HttpHeaderNames.UPGRADE.contentEqualsIgnoreCase(name)) {
                headers.remove(name);
            }
            start = end + 1;
        }
    }

    /**
     * Turns a client's request into the one the server gets: hop-by-hop fields removed (the
     * server-side connection is kept alive on its own terms), {@code header-erase} and
     * {@code header-insert} applied, and the client's address added as X-Forwarded-For.
     */
    static void requestToServer(HttpRequest request, LtmView.Http http, String clientAddress) {
        removeHopByHop(request);
        HttpHeaders headers = request.headers();
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_0) && !isUpgrade(request)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        for (int i = 0; i < http.headerErase().size(); i++) {
            headers.remove(http.headerErase().get(i));
        }
        if (http.headerInsert().isPresent()) {
            for (String one : LINE_BREAK.split(http.headerInsert().get())) {
                int colon = one.indexOf(':');
                if (colon > 0) {
                    headers.add(one.substring(0, colon).trim(), one.substring(colon + 1).trim());
                }
            }
        }
        if (http.insertXForwardedFor()) {
            headers.add(X_FORWARDED_FOR, clientAddress);
        }
    }

    /**
     * Turns a server's response into the one the client gets: hop-by-hop fields removed, the
     * connection's fate said in Connection, redirects rewritten and HSTS added as the profile asks.
     *
     * @param close         the client connection closes after this response
     * @param request       the client's request: HTTP/1.0 (keep-alive must be said), and its Host for
     *                      {@code redirect-rewrite matching}
     * @param memberAddress the member's address, for {@code redirect-rewrite nodes}
     */
    static void responseToClient(HttpResponse response, LtmView.Http http, boolean close, HttpRequest request,
            String memberAddress) {
        removeHopByHop(response);
        HttpHeaders headers = response.headers();
        if (response.status().code() != 101) {
            if (close) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        String location = response.status().code() / 100 == 3 ? headers.get(HttpHeaderNames.LOCATION) : null;
        if (location != null && !http.redirectRewrite().equals("none")) {
            String rewritten = rewriteRedirect(location, http.redirectRewrite(),
                    request.headers().get(HttpHeaderNames.HOST), memberAddress);
            if (!rewritten.equals(location)) {
                headers.set(HttpHeaderNames.LOCATION, rewritten);
            }
        }
        if (http.hsts().enabled()) {
            headers.set("Strict-Transport-Security", hsts(http.hsts()));
        }
    }

    /**
     * {@code redirect-rewrite}: turns an {@code http://} Location into {@code https://} (dropping
     * an explicit port 80) for every redirect ({@code all}), for those to the request's own host
     * ({@code matching}) or for those to the member's address ({@code nodes}); {@code none} leaves it.
     */
    static String rewriteRedirect(String location, String mode, String requestHost, String memberAddress) {
        if (mode.equals("none") || !location.regionMatches(true, 0, "http://", 0, 7)) {
            return location;
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return location;
        }
        String host = uri.getHost();
        if (host == null) {
            return location;
        }
        String requestHostOnly = requestHost == null ? "" : requestHost.replaceFirst(":\\d+$", "");
        boolean rewrite = switch (mode) {
            case "all" -> true;
            case "matching" -> host.equalsIgnoreCase(requestHostOnly);
            case "nodes" -> host.equals(memberAddress);
            default -> false;
        };
        if (!rewrite) {
            return location;
        }
        String rest = location.substring(7 + uri.getRawAuthority().length());
        String authority = uri.getPort() == 80 ? uri.getRawAuthority().replaceFirst(":80$", "") : uri.getRawAuthority();
        return "https://" + authority + rest;
    }

    static String hsts(LtmView.Hsts hsts) {
        StringBuilder value = new StringBuilder("max-age=").append(hsts.maximumAge());
        if (hsts.includeSubdomains()) {
            value.append("; includeSubDomains");
        }
        if (hsts.preload()) {
            value.append("; preload");
        }
        return value.toString();
    }

    /** The appliance's own redirect to the fallback host; the connection closes after it. */
    static FullHttpResponse fallbackRedirect(String fallbackHost, String serverAgentName, ByteBufAllocator alloc) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND,
                alloc.buffer(0));
        response.headers().set(HttpHeaderNames.LOCATION, fallbackHost)
                .set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        serverAgent(response, serverAgentName);
        return response;
    }

    /** The appliance's own error page (when {@code sys db tm.gatehouse.http.errorpage} is enabled). */
    static FullHttpResponse errorPage(HttpResponseStatus status, ResetCause cause, String serverAgentName,
            ByteBufAllocator alloc) {
        byte[] body = ("<html><head><title>" + status + "</title></head><body><h1>" + status.reasonPhrase()
                + "</h1><p>" + cause.words() + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf content = alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        serverAgent(response, serverAgentName);
        return response;
    }

    private static void serverAgent(HttpResponse response, String serverAgentName) {
        if (!serverAgentName.isEmpty() && !serverAgentName.equals("none")) {
            response.headers().set(HttpHeaderNames.SERVER, serverAgentName);
        }
    }

    /** The status an error page answers a cause with. */
    static HttpResponseStatus statusFor(ResetCause cause) {
        return switch (cause) {
            case HTTP_PARSE_ERROR, HTTP_PIPELINE -> HttpResponseStatus.BAD_REQUEST;
            case HTTP_HEADER_COUNT, HTTP_HEADER_SIZE -> HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            case HTTP_UNKNOWN_METHOD -> HttpResponseStatus.NOT_IMPLEMENTED;
            case HTTP_HEADER_TIMEOUT -> HttpResponseStatus.REQUEST_TIMEOUT;
            case HTTP_RESPONSE_TIMEOUT -> HttpResponseStatus.GATEWAY_TIMEOUT;
            case HTTP_SERVER_PARSE_ERROR, SERVER_CONNECT_FAILED -> HttpResponseStatus.BAD_GATEWAY;
            default -> HttpResponseStatus.SERVICE_UNAVAILABLE;
        };
    }
}
