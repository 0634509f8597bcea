package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.trueFalse;
import static net.gatehouse.appliance.schema.Props.words;

import java.util.Arrays;
import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * SSL: the {@code client-ssl} and {@code server-ssl} profiles (15.1's {@code profile_base.conf}
 * built-ins), the certificate and key files they name ({@code sys file ssl-cert}/{@code ssl-key},
 * with the built-in {@code default.crt}, {@code default.key} and {@code ca-bundle.crt}), and the
 * {@code sys crypto} key, certificate and CSR objects, as configuration.
 * <p>
 * The built-in {@code clientssl} names {@code default.crt} and {@code default.key}; a client-ssl
 * profile created without a certificate inherits them through {@code defaults-from}, as on BIG-IP.
 */
public final class LtmSsl {

    private static final String DEFAULT_CRT = "/Common/default.crt";
    private static final String DEFAULT_KEY = "/Common/default.key";
    private static final String CA_BUNDLE = "/Common/ca-bundle.crt";

    private LtmSsl() {
    }

    public static List<ComponentType> all() {
        return List.of(sslCert(), sslKey(), clientSsl(), serverSsl(), cryptoKey(), cryptoCert(), cryptoCsr());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    private static Property cert(String name, String def) {
        return ref(name, Family.SSL_CERT, def, "none");
    }

    private static Property key(String name, String def) {
        return ref(name, Family.SSL_KEY, def, "none");
    }

    private static Property passphrase() {
        return text("passphrase", "none").with(Trait.SECRET);
    }

    /** {@code cert-key-chain { default { cert ... key ... } }}; REST an array of {name, cert, chain, key}. */
    private static Property certKeyChain() {
        return collection("cert-key-chain", new ItemNaming.Plain(), true, false,
                text("app-service", "none").with(Trait.INERT),
                cert("cert", "none"),
                cert("chain", "none"),
                key("key", "none"),
                inert(text("ocsp-stapling-params", "none")),
                passphrase(),
                inert(text("usage", "SERVER")));
    }

    /** What the two SSL profiles share, in tmsh order. */
    private static ComponentType.Builder profile(String type, String root) {
        return ComponentType.builder("ltm profile " + type, Family.PROFILE, "profile")
                .inheritsThrough("defaults-from")
                .with(inert(text("app-service", "none")).with(Trait.ALWAYS_LISTED),
                        ref("defaults-from", Family.PROFILE, "/Common/" + root, "none").with(Trait.ALWAYS_LISTED),
                        text("description", "none"),
                        inert(text("alert-timeout", "indefinite")),
                        inert(choice("authenticate", "once", "once", "always")),
                        number("authenticate-depth", 9),
                        cert("ca-file", "none"),
                        number("cache-size", 0, 4194304, 262144),
                        number("cache-timeout", 0, 86400, 3600),
                        cert("cert", "none"),
                        cert("chain", "none"),
                        inert(text("cipher-group", "none")),
                        text("ciphers", "DEFAULT"),
                        inert(text("crl-file", "none")),
                        inert(choice("expire-cert-response-control", "drop", "drop", "ignore")),
                        inert(enabled("generic-alert", "enabled")),
                        inert(text("handshake-timeout", "10")),
                        key("key", "none"),
                        inert(text("max-active-handshakes", "indefinite")),
                        inert(enabled("mod-ssl-methods", "disabled")),
                        enabled("mode", "enabled"),
                        words("options"),
                        passphrase(),
                        choice("peer-cert-mode", "ignore", "ignore", "request", "require", "auto"),
                        inert(enabled("proxy-ssl", "disabled")),
                        inert(enabled("proxy-ssl-passthrough", "disabled")),
                        inert(text("renegotiate-period", "indefinite")),
                        inert(text("renegotiate-size", "indefinite")),
                        inert(enabled("renegotiation", "enabled")),
                        inert(trueFalse("retain-certificate", "true")),
                        inert(choice("secure-renegotiation", "require", "request", "require", "require-strict")),
                        text("server-name", "none"),
                        inert(enabled("session-mirroring", "disabled")),
                        enabled("session-ticket", "disabled"),
                        inert(number("session-ticket-timeout", 0)),
                        trueFalse("sni-default", "false"),
                        inert(trueFalse("sni-require", "false")),
                        inert(enabled("ssl-c3d", "disabled")),
                        inert(enabled("ssl-forward-proxy", "disabled")),
                        inert(enabled("ssl-forward-proxy-bypass", "disabled")),
                        inert(choice("ssl-sign-hash", "any", "any", "sha1", "sha256", "sha384")),
                        inert(enabled("strict-resume", "disabled")),
                        inert(enabled("unclean-shutdown", "enabled")));
    }

    /**
     * 15.1's client-ssl. The built-in names default.crt/default.key both directly and in its
     * cert-key-chain; REST writes {@code retainCertificate} as {@code "true"}.
     */
    public static ComponentType clientSsl() {
        Value defaultChain = new Value.Items(List.of(new Item("default",
                Body.texts("cert", DEFAULT_CRT, "chain", "none", "key", DEFAULT_KEY, "passphrase", "none"))));
        return profile("client-ssl", "clientssl")
                .with(inert(enabled("allow-dynamic-record-sizing", "disabled")),
                        inert(enabled("allow-expired-crl", "disabled")),
                        inert(enabled("allow-non-ssl", "disabled")),
                        inert(enabled("bypass-on-client-cert-fail", "disabled")),
                        inert(enabled("bypass-on-handshake-alert", "disabled")),
                        inert(choice("c3d-drop-unknown-ocsp-status", "drop", "drop", "ignore")),
                        inert(text("c3d-ocsp", "none")),
                        inert(words("cert-extension-includes")),
                        certKeyChain(),
                        inert(number("cert-lifespan", 30)),
                        inert(enabled("cert-lookup-by-ipaddr-port", "disabled")),
                        inert(cert("client-cert-ca", "none")),
                        inert(text("data-0rtt", "disabled")),
                        inert(text("dynamic-record-sizing-max-size", "4096")),
                        inert(choice("forward-proxy-bypass-default-action", "intercept", "intercept", "bypass")),
                        inert(trueFalse("inherit-ca-certkeychain", "false")),
                        inert(trueFalse("inherit-certkeychain", "false")),
                        inert(text("max-aggregate-renegotiation-per-minute", "indefinite")),
                        inert(number("max-renegotiations-per-minute", 5)),
                        inert(number("maximum-record-size", 256, 16384, 16384)),
                        inert(enabled("notify-cert-status-to-virtual-server", "disabled")),
                        inert(enabled("ocsp-stapling", "disabled")),
                        inert(number("peer-no-renegotiate-timeout", 10)),
                        inert(cert("proxy-ca-cert", "none")),
                        inert(key("proxy-ca-key", "none")),
                        inert(text("proxy-ca-passphrase", "none")).with(Trait.SECRET),
                        inert(text("renegotiate-max-record-delay", "indefinite")))
                .builtin("clientssl", Body.texts("defaults-from", "none",
                                "cert", DEFAULT_CRT, "key", DEFAULT_KEY,
                                "secure-renegotiation", "require")
                        .with("cert-key-chain", defaultChain)
                        .with("cert-extension-includes", list("basic-constraints", "subject-alternative-name"))
                        .with("options", list("dont-insert-empty-fragments", "no-tlsv1.3")))
                .builtin("clientssl-insecure-compatible", Body.texts("defaults-from", "/Common/clientssl",
                                "ciphers", "ALL:!DH:!ADH:!EDH:@SPEED",
                                "inherit-certkeychain", "true",
                                "secure-renegotiation", "request")
                        .with("cert-key-chain", defaultChain))
                .builtin("clientssl-secure", Body.texts("defaults-from", "/Common/clientssl",
                                "ciphers", "ecdhe:rsa:!sslv3:!rc4:!exp:!des",
                                "inherit-certkeychain", "true",
                                "renegotiation", "disabled")
                        .with("cert-key-chain", defaultChain)
                        .with("options", list("no-ssl")))
                .build();
    }

    /** 15.1's server-ssl: no certificate of its own, {@code secure-renegotiation require-strict}. */
    public static ComponentType serverSsl() {
        return profile("server-ssl", "serverssl")
                .with(inert(text("authenticate-name", "none")),
                        inert(words("c3d-cert-extension-includes")),
                        inert(text("ocsp", "none")),
                        inert(text("revocation", "none")))
                .builtin("serverssl", Body.texts("defaults-from", "none", "secure-renegotiation", "require-strict")
                        .with("options", list("dont-insert-empty-fragments", "no-tlsv1.3"))
                        .with("c3d-cert-extension-includes", list("basic-constraints", "extended-key-usage",
                                "key-usage", "subject-alternative-name")))
                .builtin("serverssl-insecure-compatible", Body.texts("defaults-from", "/Common/serverssl",
                        "ciphers", "!EXPORT:!DH:RSA+RC4:RSA+AES:RSA+DES:RSA+3DES:ECDHE+AES:ECDHE+3DES:@SPEED",
                        "secure-renegotiation", "request"))
                .build();
    }

    private static Value list(String... words) {
        return new Value.Items(Arrays.stream(words).map(Item::named).toList());
    }

    /**
     * A certificate file as bigip.conf stores it: where its material is kept ({@code cache-path}),
     * where it was imported from ({@code source-path}) and a revision. The details BIG-IP reads out of
     * the certificate (subject, expiration, ...) are not configuration and are not stored.
     */
    public static ComponentType sslCert() {
        return ComponentType.builder("sys file ssl-cert", Family.SSL_CERT, "Certificate")
                .with(inert(text("app-service", "none")),
                        text("cache-path", "none"),
                        text("checksum", "none"),
                        text("description", "none"),
                        inert(trueFalse("is-bundle", "false")),
                        number("revision", 1),
                        text("source-path", "none"))
                .with(certificateFileDetails())
                .builtin("default.crt", Body.texts("cache-path", "/config/ssl/ssl.crt/default.crt"))
                .builtin("ca-bundle.crt", Body.texts("cache-path", "/config/ssl/ssl.crt/ca-bundle.crt",
                        "is-bundle", "true"))
                .build();
    }

    /**
     * A key file. A key whose material is not on this appliance loads with a warning and is unusable
     * until the key is installed again; a passphrase encrypted with another box's master key
     * ({@code $M$...}) is refused, as every secret that does not decrypt is.
     */
    public static ComponentType sslKey() {
        return ComponentType.builder("sys file ssl-key", Family.SSL_KEY, "Key")
                .with(inert(text("app-service", "none")),
                        text("cache-path", "none"),
                        text("checksum", "none"),
                        inert(text("curve-name", "none")),
                        text("description", "none"),
                        inert(number("key-size", 2048)),
                        inert(choice("key-type", "rsa-private", "rsa-private", "ec-private", "dsa-private")),
                        passphrase(),
                        number("revision", 1),
                        inert(choice("security-type", "normal", "normal", "password", "fips")),
                        text("source-path", "none"))
                .builtin("default.key", Body.texts("cache-path", "/config/ssl/ssl.key/default.key"))
                .build();
    }

    /**
     * What BIG-IP reads out of a certificate file and shows with it (F5's REST names: {@code subject},
     * {@code expirationString}, {@code certificateKeySize}, ...): read-only, derived from the file when shown.
     */
    private static List<Property> certificateFileDetails() {
        return List.of(text("certificate-key-curve-name", null).with(Trait.READ_ONLY, Trait.REST_SHOWS_NONE),
                number("certificate-key-size").with(Trait.READ_ONLY),
                number("expiration-date").with(Trait.READ_ONLY),
                text("expiration-string", null).with(Trait.READ_ONLY),
                text("fingerprint", null).with(Trait.READ_ONLY),
                text("issuer", null).with(Trait.READ_ONLY),
                text("key-type", null).with(Trait.READ_ONLY),
                text("serial-number", null).with(Trait.READ_ONLY),
                text("subject", null).with(Trait.READ_ONLY),
                text("subject-alternative-name", null).with(Trait.READ_ONLY),
                number("version").with(Trait.READ_ONLY));
    }

    /** What {@code list sys crypto cert} reads out of the certificate, written as BIG-IP lists it (unquoted). */
    private static List<Property> cryptoCertDetails() {
        return List.of(number("certificate-key-size").with(Trait.READ_ONLY),
                text("expiration", null).with(Trait.READ_ONLY, Trait.UNQUOTED),
                text("fingerprint", null).with(Trait.READ_ONLY, Trait.UNQUOTED),
                text("issuer", null).with(Trait.READ_ONLY, Trait.UNQUOTED),
                text("public-key-type", null).with(Trait.READ_ONLY));
    }

    private static List<Property> subject() {
        return List.of(text("city", "none"),
                text("common-name", "none"),
                text("country", "none"),
                text("email-address", "none"),
                text("organization", "none"),
                text("ou", "none"),
                text("state", "none"),
                text("subject-alternative-name", "none"));
    }

    /** {@code sys crypto key}: how a key is (to be) generated; stored as configuration only. */
    public static ComponentType cryptoKey() {
        return ComponentType.builder("sys crypto key", Family.CRYPTO_KEY, "Key")
                .with(inert(choice("curve-name", "none", "none", "prime256v1", "secp384r1", "secp521r1")),
                        text("description", "none"),
                        inert(number("key-size", 2048)),
                        inert(choice("key-type", "rsa-private", "rsa-private", "ec-private", "dsa-private")),
                        passphrase(),
                        inert(choice("security-type", "normal", "normal", "password", "fips")))
                .builtin("default.key", Body.EMPTY)
                .build();
    }

    /**
     * {@code sys crypto cert}: a certificate's subject, key and lifetime; stored as configuration only.
     * The built-ins are the views of {@code default.crt} (the self-signed certificate every box makes
     * for itself at first boot, with F5's subject) and {@code ca-bundle.crt}.
     */
    public static ComponentType cryptoCert() {
        return ComponentType.builder("sys crypto cert", Family.CRYPTO_CERT, "Certificate")
                .with(subject())
                .with(text("description", "none"),
                        ref("key", Family.CRYPTO_KEY, "none", "none"),
                        number("lifetime", 1, 36500, 365))
                .with(cryptoCertDetails())
                .builtin("default.crt", Body.texts("common-name", "localhost.localdomain", "country", "US",
                        "state", "WA", "city", "Seattle", "organization", "MyCompany", "ou", "IT",
                        "email-address", "root@localhost.localdomain",
                        "subject-alternative-name", "DNS:localhost.localdomain,DNS:localhost,IP:127.0.0.1",
                        "key", "/Common/default.key", "lifetime", "3650"))
                .builtin("ca-bundle.crt", Body.EMPTY)
                .build();
    }

    /** {@code sys crypto csr}: a signing request's subject and key; stored as configuration only. */
    public static ComponentType cryptoCsr() {
        return ComponentType.builder("sys crypto csr", Family.CRYPTO_CSR, "Certificate Signing Request")
                .with(subject())
                .with(text("challenge-password", "none").with(Trait.SECRET),
                        text("description", "none"),
                        ref("key", Family.CRYPTO_KEY, "none", "none"))
                .build();
    }
}
