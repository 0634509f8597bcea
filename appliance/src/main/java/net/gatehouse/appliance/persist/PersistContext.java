package net.gatehouse.appliance.persist;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a connection shows when its member is chosen, for a persistence profile to take its key
 * from: the client's and the virtual's addresses, the client-ssl session id (after the handshake,
 * when the session has one) and, on the L7 path, the first request.
 *
 * @param sslSessionId the TLS session id in hex; empty without client-ssl or when the session has none
 */
public record PersistContext(InetSocketAddress client, InetSocketAddress destination, Optional<String> sslSessionId,
        Optional<RequestFacts> request) {

    /** A connection seen at layer 4 only. */
    public static PersistContext layer4(InetSocketAddress client, InetSocketAddress destination,
            Optional<String> sslSessionId) {
        return new PersistContext(client, destination, sslSessionId, Optional.empty());
    }

    /** What an iRule's {@code HTTP::} commands read from a request. */
    public interface RequestFacts {

        /** The request target as sent ({@code /a/b?x=1}). */
        String uri();

        /** The last value of a header, by name in any case; empty when absent. */
        Optional<String> header(String name);

        /** The value of a request cookie by name (exact case); empty when absent. */
        Optional<String> cookie(String name);
    }
}
