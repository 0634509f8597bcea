package net.gatehouse.appliance.dataplane;

import io.netty.handler.codec.DefaultHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Field names that browsers and servers send in nearly every message, each one {@link AsciiString}
 * made once: a parser that meets one of them byte for byte (the same letters in the same case)
 * takes the shared name instead of copying the bytes into a new one, and the header map finds
 * its hash already computed. Any other spelling is not matched and is parsed as before.
 *
 * <p>The header maps the parsers fill ({@link #HEADERS}) validate a field name only when it is not
 * one of these shared names: those were made from the valid names above, so checking their
 * characters again for every message would find nothing. Every other name (and every name an
 * iRule or a profile adds) is validated as Netty validates it.
 */
final class KnownHeaderNames {

    /** What browsers send. */
    static final KnownHeaderNames REQUEST = new KnownHeaderNames(List.of("Host", "Accept", "Connection",
            "Content-Type", "Content-Length", "User-Agent", "Accept-Encoding",
            "Accept-Language", "Cookie", "Referer", "Origin", "Cache-Control", "Upgrade-Insecure-Requests",
            "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User", "Priority", "Pragma",
            "Authorization", "If-Modified-Since", "If-None-Match", "Transfer-Encoding", "Expect", "Upgrade",
            "X-Forwarded-For", "X-Requested-With"));

    /** What servers send. */
    static final KnownHeaderNames RESPONSE = new KnownHeaderNames(List.of("Server", "Date", "Content-Type",
            "Content-Length", "Last-Modified", "Connection", "ETag", "Accept-Ranges", "Transfer-Encoding",
            "Keep-Alive", "Cache-Control", "Expires", "Location", "Vary", "Set-Cookie", "Content-Encoding",
            "Access-Control-Allow-Origin", "Strict-Transport-Security", "X-Content-Type-Options", "Age",
            "Pragma", "Upgrade"));

    private static final DefaultHeaders.NameValidator<CharSequence> VALIDATOR =
            DefaultHttpHeadersFactory.headersFactory().getNameValidator();

    /** Header maps for parsed messages: Netty's validation, except for the shared names. */
    static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidator(KnownHeaderNames::validate);

    /** The names by length; null where no name has that length. */
    private final AsciiString[][] byLength;

    private KnownHeaderNames(List<String> names) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        List<List<AsciiString>> lists = new ArrayList<>();
        for (int i = 0; i <= longest; i++) {
            lists.add(new ArrayList<>());
        }
        for (String name : names) {
            lists.get(name.length()).add(AsciiString.cached(name));
        }
        byLength = new AsciiString[longest + 1][];
        for (int i = 0; i <= longest; i++) {
            byLength[i] = lists.get(i).isEmpty() ? null : lists.get(i).toArray(new AsciiString[0]);
        }
    }

    /** The shared name spelled exactly as {@code bytes[start, start + length)}, or null. */
    AsciiString find(byte[] bytes, int start, int length) {
        if (length >= byLength.length || byLength[length] == null) {
            return null;
        }
        for (AsciiString candidate : byLength[length]) {
            if (sameBytes(candidate, bytes, start, length)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether {@code name} is one of the shared name objects themselves (not merely the same letters). */
    private boolean shares(CharSequence name) {
        int length = name.length();
        if (length >= byLength.length || byLength[length] == null) {
            return false;
        }
        for (AsciiString candidate : byLength[length]) {
            if (candidate == name) {
                return true;
            }
        }
        return false;
    }

    private static void validate(CharSequence name) {
        if (!REQUEST.shares(name) && !RESPONSE.shares(name)) {
            VALIDATOR.validateName(name);
        }
    }

    private static boolean sameBytes(AsciiString candidate, byte[] bytes, int start, int length) {
        byte[] own = candidate.array();
        int offset = candidate.arrayOffset();
        for (int i = 0; i < length; i++) {
            if (own[offset + i] != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }
}
