package net.gatehouse.appliance.health;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * The TLS client side of https monitors, one context per distinct (cipherlist, cert, key). Like
 * BIG-IP, a monitor does not verify the server's certificate. {@code cipherlist} names OpenSSL cipher
 * suites; keywords (DEFAULT, ALL, {@code +}/{@code !}/{@code -} modifiers) keep the provider's
 * defaults, since the JDK has no OpenSSL cipher-string engine. {@code cert} and {@code key} name PEM
 * files (absolute paths) for a client certificate.
 */
final class TlsSettings {

    private record Key(String cipherlist, String cert, String key) {
    }

    private final Map<Key, SslContext> contexts = new ConcurrentHashMap<>();

    SslContext context(MonitorSpec spec) {
        Key key = new Key(spec.word("cipherlist"), spec.word("cert"), spec.word("key"));
        return contexts.computeIfAbsent(key, TlsSettings::build);
    }

    private static SslContext build(Key key) {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
        List<String> ciphers = cipherNames(key.cipherlist());
        if (!ciphers.isEmpty()) {
            builder.ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE);
        }
        if (!key.cert().isEmpty()) {
            if (key.key().isEmpty()) {
                throw new IllegalArgumentException("cert " + key.cert() + " needs a key");
            }
            builder.keyManager(new File(key.cert()), new File(key.key()));
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The named suites of an OpenSSL cipher string, leaving out keywords and modifiers. */
    static List<String> cipherNames(String cipherlist) {
        List<String> names = new ArrayList<>();
        for (String part : cipherlist.split("[:, ]")) {
            boolean keyword = part.isEmpty() || part.startsWith("+") || part.startsWith("!") || part.startsWith("-")
                    || part.startsWith("@") || part.equals(part.toUpperCase()) && !part.contains("-")
                    && !part.contains("_");
            if (!keyword) {
                names.add(part);
            }
        }
        return names;
    }
}
