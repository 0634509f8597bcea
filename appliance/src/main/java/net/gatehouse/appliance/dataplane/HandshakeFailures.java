package net.gatehouse.appliance.dataplane;

import io.netty.channel.Channel;
import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a client-ssl handshake failed, in the terms of {@code show net rst-cause}: the client offered no
 * cipher suite or no protocol version the profile allows, sent something that is not TLS, or sent no
 * certificate (or one the profile's {@code ca-file} does not vouch for) where the profile requires one.
 * Both TLS engines are read: the JDK's messages ({@code no cipher suites in common}, {@code Empty client
 * certificate chain}) and BoringSSL's reasons ({@code NO_SHARED_CIPHER}, {@code PEER_DID_NOT_RETURN_A_CERTIFICATE}).
 * A client that leaves in the middle of its handshake is not such a failure: nothing is reset or counted.
 */
final class HandshakeFailures {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeFailures.class);

    private HandshakeFailures() {
    }

    /** The reset cause of a failed handshake, if it is one the data plane resets for. */
    static Optional<ResetCause> cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return Optional.of(ResetCause.SSL_NOT_SSL);
            }
            if (t instanceof CertificateException) {
                return Optional.of(ResetCause.SSL_PEER_CERTIFICATE_REJECTED);
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no cipher suites in common") || message.contains("no_shared_cipher")) {
                return Optional.of(ResetCause.SSL_NO_SHARED_CIPHERS);
            }
            if (message.contains("not enabled or supported in server context") || message.contains("are not accepted by")
                    || message.contains("unsupported_protocol") || message.contains("no appropriate protocol")) {
                return Optional.of(ResetCause.SSL_UNSUPPORTED_VERSION);
            }
            if (message.contains("empty client certificate chain")
                    || message.contains("peer_did_not_return_a_certificate")) {
                return Optional.of(ResetCause.SSL_NO_PEER_CERTIFICATE);
            }
            if (message.contains("certificate_verify_failed") || message.contains("pkix path")) {
                return Optional.of(ResetCause.SSL_PEER_CERTIFICATE_REJECTED);
            }
        }
        return Optional.empty();
    }

    /**
     * A client-ssl handshake of {@code virtual} failed on {@code client}: counts the reset cause and logs
     * it in BIG-IP's words ({@code 01260013 SSL Handshake failed}); returns whether the connection is to
     * be reset (false for a client that simply went away).
     */
    static boolean failed(DataPlaneContext context, String virtual, Channel client, Throwable failure) {
        Optional<ResetCause> cause = cause(failure);
        if (cause.isEmpty()) {
            LOG.debug("{}: client {} left during its TLS handshake: {}", virtual, client.remoteAddress(),
                    failure.toString());
            return false;
        }
        context.count(cause.get());
        LOG.warn("01260013:4: SSL Handshake failed for TCP {} -> {} ({}: {})", address(client.remoteAddress()),
                address(client.localAddress()), virtual, cause.get().words());
        return true;
    }

    private static String address(java.net.SocketAddress address) {
        return address instanceof java.net.InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(address);
    }
}
