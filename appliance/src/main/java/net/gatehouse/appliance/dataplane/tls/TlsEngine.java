package net.gatehouse.appliance.dataplane.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation the data plane's contexts use: OpenSSL (BoringSSL, from
 * netty-tcnative-boringssl-static) where its native library loads, the JDK's otherwise.
 */
public record TlsEngine(SslProvider provider) {

    /** OpenSSL when it loads, else the JDK. */
    public static TlsEngine best() {
        return new TlsEngine(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    public static TlsEngine jdk() {
        return new TlsEngine(SslProvider.JDK);
    }

    public boolean openSsl() {
        return provider == SslProvider.OPENSSL;
    }

    /** For the boot log: {@code OpenSSL (BoringSSL ...)} or {@code the JDK (why OpenSSL did not load)}. */
    public String describe() {
        if (openSsl()) {
            return "OpenSSL (" + OpenSsl.versionString() + ")";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "the JDK (OpenSSL unavailable: " + (cause == null ? "not chosen" : cause.getMessage()) + ")";
    }
}
