package net.gatehouse.appliance.crypto;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.gatehouse.appliance.command.ComponentRule;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;

/**
 * What BIG-IP checks when a client-ssl or server-ssl profile names a certificate and key: the key
 * must be the certificate's, a chain must hold the certificate's issuer, and an expired certificate
 * cannot be newly attached. Material not on this appliance (a configuration loaded from another box)
 * is not checked here; it is reported when the key is loaded.
 */
final class SslProfileRule implements ComponentRule {

    private final CryptoService crypto;
    private final Clock clock;
    private final Supplier<Snapshot> running;

    SslProfileRule(CryptoService crypto, Clock clock, Supplier<Snapshot> running) {
        this.crypto = crypto;
        this.clock = clock;
        this.running = running;
    }

    /** One place a profile names a certificate: its own properties or a cert-key-chain entry. */
    private record Pair(String cert, String key, String chain) {
    }

    @Override
    public void validate(ConfigObject object, Snapshot candidate) throws ConfigError {
        List<Pair> before = running.get().get(object.type(), object.fullPath())
                .map(o -> pairs(new Effective(running.get()).body(o))).orElse(List.of());
        for (Pair pair : pairs(new Effective(candidate).body(object))) {
            check(object, candidate, pair, before.stream().anyMatch(p -> p.cert().equals(pair.cert())));
        }
    }

    private static List<Pair> pairs(Body body) {
        List<Pair> pairs = new ArrayList<>();
        pairs.add(pair(body));
        if (body.get("cert-key-chain").orElse(null) instanceof Value.Items items) {
            for (Item item : items.items()) {
                pairs.add(pair(item.body()));
            }
        }
        return pairs;
    }

    private static Pair pair(Body body) {
        return new Pair(body.text("cert").orElse("none"), body.text("key").orElse("none"),
                body.text("chain").orElse("none"));
    }

    private void check(ConfigObject profile, Snapshot candidate, Pair pair, boolean alreadyAttached)
            throws ConfigError {
        if (pair.cert().equals("none")) {
            return;
        }
        Optional<List<X509Certificate>> certificates = crypto.certificates(candidate, pair.cert());
        if (certificates.isEmpty()) {
            return;
        }
        X509Certificate leaf = certificates.get().get(0);
        if (!pair.key().equals("none")) {
            Optional<java.security.PublicKey> key = crypto.publicKey(pair.key());
            if (key.isPresent() && !key.get().equals(leaf.getPublicKey())) {
                throw new ConfigError("01070317", "profile " + profile.fullPath() + "'s key (" + pair.key()
                        + ") and certificate (" + pair.cert() + ") do not match.");
            }
        }
        if (!alreadyAttached && CertificateInfo.daysLeft(leaf, clock.instant()) < 0) {
            throw new ConfigError("01071ac3", "profile " + profile.fullPath() + " cannot use certificate ("
                    + pair.cert() + "): it expired on " + CertificateInfo.expiration(leaf) + ".");
        }
        if (!pair.chain().equals("none") && !leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
            Optional<List<X509Certificate>> chain = crypto.certificates(candidate, pair.chain());
            if (chain.isPresent() && chain.get().stream().noneMatch(c -> issued(c, leaf))) {
                throw new ConfigError("01070318", "profile " + profile.fullPath() + "'s chain (" + pair.chain()
                        + ") does not hold the issuer (" + CertificateInfo.issuer(leaf) + ") of certificate ("
                        + pair.cert() + ").");
            }
        }
    }

    private static boolean issued(X509Certificate issuer, X509Certificate leaf) {
        if (!issuer.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return false;
        }
        try {
            leaf.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
