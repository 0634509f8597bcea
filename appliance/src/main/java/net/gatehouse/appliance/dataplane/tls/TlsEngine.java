package net.gatehouse.appliance.dataplane.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;
import java.util.Optional;

/**
 * Which TLS implementation the data plane's contexts use: OpenSSL (BoringSSL, from
 * netty-tcnative-boringssl-static) where its native library loads, the JDK's otherwise.
 */
public record TlsEngine(SslProvider provider, boolean chosen) {

    /** The launcher's system property that chooses the engine: {@code auto} (default), {@code jdk} or {@code openssl}. */
    public static final String PROPERTY = "gatehouse.tls.provider";

    /**
     * The engine {@code requested} names ({@link #PROPERTY}): {@code jdk} forces the JDK (to measure it
     * against OpenSSL), {@code openssl} requires OpenSSL, {@code auto} or nothing takes the best.
     */
    public static TlsEngine configured(Optional<String> requested) {
        String value = requested.map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("auto");
        return switch (value) {
            case "auto", "" -> best();
            case "jdk" -> new TlsEngine(SslProvider.JDK, true);
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException(PROPERTY + "=openssl, but OpenSSL does not load here: "
                            + OpenSsl.unavailabilityCause());
                }
                yield new TlsEngine(SslProvider.OPENSSL, true);
            }
            default -> throw new IllegalArgumentException(PROPERTY + " is \"" + value
                    + "\"; it takes auto, jdk or openssl.");
        };
    }

    /** OpenSSL when it loads, else the JDK. */
    public static TlsEngine best() {
        return new TlsEngine(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK, false);
    }

    public static TlsEngine jdk() {
        return new TlsEngine(SslProvider.JDK, false);
    }

    public boolean openSsl() {
        return provider == SslProvider.OPENSSL;
    }

    /** For the boot log: {@code OpenSSL (BoringSSL ...)} or {@code the JDK (why OpenSSL did not load)}. */
    public String describe() {
        if (openSsl()) {
            return "OpenSSL (" + OpenSsl.versionString() + ")" + (chosen ? ", chosen by " + PROPERTY : "");
        }
        if (chosen) {
            return "the JDK (chosen by " + PROPERTY + "=jdk)";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "the JDK (OpenSSL unavailable: " + (cause == null ? "not chosen" : cause.getMessage()) + ")";
    }
}
