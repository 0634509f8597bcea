package net.gatehouse.appliance.dataplane.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509KeyManager;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.crypto.CryptoService;

/**
 * Builds the Netty {@code SslContext} of one client-ssl or server-ssl profile from its effective
 * properties. Keys reach the context only as key slots' key managers ({@link CryptoService#keyManager}).
 * What is applied: the certificates ({@code cert-key-chain}, or {@code cert}/{@code key}/{@code chain}),
 * {@code ciphers}, the protocol {@code options} ({@code no-tlsv1.3}, {@code no-tlsv1.2}; TLS 1.1 and
 * older are never offered), {@code cache-size}, {@code cache-timeout}, {@code session-ticket}
 * (OpenSSL only), {@code peer-cert-mode} with {@code ca-file} and {@code authenticate-depth}, and
 * ALPN {@code http/1.1} on the client side.
 */
final class SslProfileContexts {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final TlsEngine engine;
    private final CryptoService crypto;
    private final Map<SslProvider, Ciphers> ciphers = new EnumMap<>(SslProvider.class);

    /** The suites an engine offers and those it uses by default, by IANA name. */
    private record Ciphers(List<String> available, List<String> defaults) {
    }

    SslProfileContexts(TlsEngine engine, CryptoService crypto) {
        this.engine = engine;
        this.crypto = crypto;
        try {
            ciphers.put(SslProvider.JDK, new Ciphers(
                    List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()),
                    defaults(SslProvider.JDK)));
            if (engine.openSsl()) {
                ciphers.put(SslProvider.OPENSSL, new Ciphers(List.copyOf(OpenSsl.availableJavaCipherSuites()),
                        defaults(SslProvider.OPENSSL)));
            }
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("the TLS engine " + engine.provider() + " cannot list its ciphers", e);
        }
    }

    private static List<String> defaults(SslProvider provider) throws SSLException {
        return SslContextBuilder.forClient().sslProvider(provider).build().cipherSuites();
    }

    /** A client-ssl profile: terminates TLS from clients. */
    SslContext clientSide(Snapshot snapshot, ConfigObject profile, Body body) throws UnusableProfile {
        List<X509KeyManager> entries = new ArrayList<>();
        for (Body entry : certKeyChain(profile, body)) {
            String cert = entry.text("cert").orElse("none");
            String key = entry.text("key").orElse("none");
            if (cert.equals("none") || key.equals("none")) {
                continue;
            }
            String chain = entry.text("chain").orElse("none");
            entries.add(keyManager(snapshot, cert, key, chain));
        }
        if (entries.isEmpty()) {
            throw new UnusableProfile("Client SSL profile (" + profile.fullPath() + ") has no certificate and key.");
        }
        SslContextBuilder builder = SslContextBuilder.forServer(new ChainKeyManager(entries))
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1));
        // BoringSSL holds one certificate per connection: RSA and EC side by side need the JDK's engine,
        // which picks the key type per cipher suite.
        SslProvider provider = entries.size() > 1 ? SslProvider.JDK : engine.provider();
        common(builder, provider, profile, body);
        builder.sessionCacheSize(number(body, "cache-size")).sessionTimeout(number(body, "cache-timeout"));
        String mode = body.text("peer-cert-mode").orElse("ignore");
        if (mode.equals("request") || mode.equals("require")) {
            builder.clientAuth(mode.equals("require") ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            builder.trustManager(peerTrust(snapshot, profile, body));
        }
        SslContext context = build(builder, profile);
        if (provider == SslProvider.OPENSSL && body.text("session-ticket").orElse("disabled").equals("enabled")
                && context.sessionContext() instanceof OpenSslSessionContext sessions) {
            sessions.setTicketKeys();
        }
        return number(body, "cache-size") == 0 ? noSessionCache(context) : context;
    }

    /**
     * {@code cache-size 0}: no session is kept, so every new connection makes a full handshake
     * (Netty reads a cache size of 0 as "its default"). OpenSSL turns its cache off; the JDK has no
     * off switch for a server's cache, so its cache holds one session for at most a second and each
     * session is discarded as soon as its handshake is done ({@link SessionDiscarding}).
     */
    private static SslContext noSessionCache(SslContext context) {
        if (context.sessionContext() instanceof OpenSslSessionContext sessions) {
            sessions.setSessionCacheEnabled(false);
            return context;
        }
        context.sessionContext().setSessionCacheSize(1);
        context.sessionContext().setSessionTimeout(1);
        return new SessionDiscarding(context);
    }

    /** A server-ssl profile: re-encrypts toward pool members. */
    SslContext serverSide(Snapshot snapshot, ConfigObject profile, Body body) throws UnusableProfile {
        SslContextBuilder builder = SslContextBuilder.forClient();
        common(builder, engine.provider(), profile, body);
        String cert = body.text("cert").orElse("none");
        String key = body.text("key").orElse("none");
        if (!cert.equals("none") && !key.equals("none")) {
            String chain = body.text("chain").orElse("none");
            builder.keyManager(keyManager(snapshot, cert, key, chain));
        }
        if (body.text("peer-cert-mode").orElse("ignore").equals("require")) {
            builder.trustManager(peerTrust(snapshot, profile, body));
        } else {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        builder.sessionCacheSize(number(body, "cache-size")).sessionTimeout(number(body, "cache-timeout"));
        return build(builder, profile);
    }

    private void common(SslContextBuilder builder, SslProvider provider, ConfigObject profile, Body body)
            throws UnusableProfile {
        builder.sslProvider(provider).protocols(protocols(profile, body));
        String cipherString = body.text("ciphers").orElse("DEFAULT");
        Ciphers offered = ciphers.get(provider);
        try {
            builder.ciphers(CipherString.select(cipherString, offered.available(), offered.defaults()),
                    SupportedCipherSuiteFilter.INSTANCE);
        } catch (IllegalArgumentException e) {
            throw new UnusableProfile("Profile (" + profile.fullPath() + ")'s ciphers (" + cipherString + ") "
                    + e.getMessage() + ".");
        }
    }

    /** TLS 1.3 and 1.2 less what {@code options} turns off. */
    private static List<String> protocols(ConfigObject profile, Body body) throws UnusableProfile {
        List<String> options = body.get("options").filter(Value.Items.class::isInstance)
                .map(v -> ((Value.Items) v).items().stream().map(Item::name).toList()).orElse(List.of());
        List<String> protocols = new ArrayList<>(PROTOCOLS);
        if (options.contains("no-tlsv1.3")) {
            protocols.remove("TLSv1.3");
        }
        if (options.contains("no-tlsv1.2")) {
            protocols.remove("TLSv1.2");
        }
        if (protocols.isEmpty()) {
            throw new UnusableProfile("Profile (" + profile.fullPath()
                    + ")'s options leave no protocol version (TLS 1.2 and 1.3 are both turned off).");
        }
        return protocols;
    }

    private javax.net.ssl.TrustManagerFactory peerTrust(Snapshot snapshot, ConfigObject profile, Body body)
            throws UnusableProfile {
        String caFile = body.text("ca-file").orElse("none");
        if (caFile.equals("none")) {
            throw new UnusableProfile("Profile (" + profile.fullPath()
                    + ") verifies peer certificates (peer-cert-mode " + body.text("peer-cert-mode").orElse("")
                    + ") but has no ca-file.");
        }
        List<X509Certificate> authorities = crypto.certificates(snapshot, caFile).orElseThrow(() ->
                new UnusableProfile("The ca-file (" + caFile + ") is not on this appliance."));
        try {
            return PeerTrust.of(authorities, number(body, "authenticate-depth"));
        } catch (GeneralSecurityException e) {
            throw new UnusableProfile("The ca-file (" + caFile + ") cannot be used: " + e.getMessage());
        }
    }

    /** A key slot's key manager: the only way a private key reaches a context. */
    private X509KeyManager keyManager(Snapshot snapshot, String cert, String key, String chain)
            throws UnusableProfile {
        try {
            return crypto.keyManager(snapshot, cert, key, chain.equals("none") ? Optional.empty() : Optional.of(chain));
        } catch (ConfigError e) {
            throw new UnusableProfile(e.getMessage());
        }
    }

    private static SslContext build(SslContextBuilder builder, ConfigObject profile) throws UnusableProfile {
        try {
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new UnusableProfile("Profile (" + profile.fullPath() + ") cannot be used: " + e.getMessage());
        }
    }

    /**
     * The certificates a client-ssl profile presents: its own {@code cert-key-chain}; else its own
     * {@code cert}/{@code key}/{@code chain} (a profile created with only those, whose inherited
     * cert-key-chain still names its parent's certificate); else what it inherits.
     */
    private static List<Body> certKeyChain(ConfigObject profile, Body effective) {
        Body own = profile.body();
        if (own.get("cert-key-chain").isEmpty() && own.text("cert").isPresent()) {
            return List.of(effective);
        }
        if (effective.get("cert-key-chain").orElse(null) instanceof Value.Items items && !items.items().isEmpty()) {
            return items.items().stream().map(Item::body).toList();
        }
        return List.of(effective);
    }

    private static int number(Body body, String property) {
        return Integer.parseInt(body.text(property).orElse("0"));
    }
}
