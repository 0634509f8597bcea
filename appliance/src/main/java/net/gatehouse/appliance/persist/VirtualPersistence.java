package net.gatehouse.appliance.persist;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.persist.irule.PersistRule;
import net.gatehouse.appliance.persist.irule.UniversalKey;
import net.gatehouse.appliance.schema.Family;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual server's persistence: its default method ({@code persist}) and the method used when
 * the default finds no key ({@code fallback-persistence}), each empty when not set.
 */
public record VirtualPersistence(Optional<PersistProfile> primary, Optional<PersistProfile> fallback) {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualPersistence.class);

    public static final VirtualPersistence NONE = new VirtualPersistence(Optional.empty(), Optional.empty());

    /** The profiles to try in order: the default, then the fallback. */
    public List<PersistProfile> inOrder() {
        // Asked on every request under oneconnect: no stream, and no allocation without persistence.
        if (primary.isEmpty()) {
            return fallback.map(List::of).orElse(List.of());
        }
        return fallback.isEmpty() ? List.of(primary.get()) : List.of(primary.get(), fallback.get());
    }

    /**
     * Every virtual's persistence in a snapshot, keyed by the virtual's full path; cookie encryption
     * passphrases are read in clear from {@code secrets}.
     */
    public static Map<String, VirtualPersistence> compile(Snapshot snapshot, Secrets secrets) {
        Effective effective = new Effective(snapshot);
        Map<String, VirtualPersistence> all = new HashMap<>();
        Map<String, Optional<PersistProfile>> profiles = new HashMap<>();
        for (ConfigObject virtual : snapshot.all(snapshot.schema().require("ltm virtual"))) {
            Body body = effective.body(virtual);
            Optional<PersistProfile> primary = body.get("persist")
                    .map(v -> ((Value.Items) v).items()).orElse(List.of()).stream().map(Item::name).findFirst()
                    .flatMap(name -> profiles.computeIfAbsent(name, n -> profile(snapshot, effective, secrets, n)));
            Optional<PersistProfile> fallback = body.text("fallback-persistence").filter(n -> !n.equals("none"))
                    .flatMap(name -> profiles.computeIfAbsent(name, n -> profile(snapshot, effective, secrets, n)));
            all.put(virtual.fullPath(), new VirtualPersistence(primary, fallback));
        }
        return all;
    }

    private static Optional<PersistProfile> profile(Snapshot snapshot, Effective effective, Secrets secrets,
            String path) {
        return snapshot.find(Family.PERSISTENCE, path).flatMap(object -> PersistMode.ofComponent(object.type().path())
                .map(mode -> compile(snapshot, object, mode, effective.body(object), secrets)));
    }

    private static PersistProfile compile(Snapshot snapshot, ConfigObject object, PersistMode mode, Body body,
            Secrets secrets) {
        Optional<PersistProfile.CookieSettings> cookie = mode != PersistMode.COOKIE ? Optional.empty()
                : Optional.of(new PersistProfile.CookieSettings(
                        text(body, "cookie-name").filter(n -> !n.equals("none")),
                        seconds(text(body, "expiration").orElse("0")), enabled(body, "httponly"),
                        enabled(body, "secure"), enabled(body, "always-send"),
                        text(body, "method").orElse("insert"), text(body, "cookie-encryption").orElse("disabled"),
                        text(body, "cookie-encryption-passphrase").filter(p -> !p.equals("none"))
                                .flatMap(secrets::clear).map(CookieCipher::of)));
        return new PersistProfile(object.fullPath(), mode, seconds(text(body, "timeout").orElse("180")),
                text(body, "mask").filter(m -> !m.equals("none")).flatMap(VirtualPersistence::maskBytes),
                text(body, "hash-algorithm").orElse("default").equals("carp"), enabled(body, "match-across-pools"),
                enabled(body, "match-across-services"), enabled(body, "match-across-virtuals"),
                enabled(body, "override-connection-limit"), cookie,
                mode == PersistMode.UNIVERSAL ? universal(snapshot, object, body) : Optional.empty());
    }

    /**
     * A universal profile's key, from its {@code rule}'s recognised {@code persist uie} commands. A
     * rule Gatehouse cannot carry out in full still loads; what it ignores is logged as a warning at
     * each commit, and a profile with no recognised {@code persist uie} gives no key (the virtual's
     * {@code fallback-persistence} decides).
     */
    private static Optional<UniversalKey> universal(Snapshot snapshot, ConfigObject profile, Body body) {
        String rulePath = text(body, "rule").orElse("none");
        if (rulePath.equals("none")) {
            LOG.debug("Universal persistence profile {} has no rule: only persist uie in an iRule on the virtual"
                    + " gives it a key", profile.fullPath());
            return Optional.empty();
        }
        Optional<ConfigObject> rule = snapshot.find(Family.RULE, rulePath);
        PersistRule.Reading reading = PersistRule.read(rule.flatMap(r -> r.body().text("api-anonymous")).orElse(""));
        if (reading.key().isEmpty()) {
            LOG.warn("Universal persistence profile {}: the iRule {} has no persist uie that Gatehouse carries out{};"
                    + " the profile gives no persistence key", profile.fullPath(), rulePath,
                    reading.unsupported().isEmpty() ? "" : " (unsupported: " + String.join(", ",
                            reading.unsupported()) + ")");
        } else if (!reading.unsupported().isEmpty()) {
            LOG.warn("Universal persistence profile {}: the iRule {} is used for its persist uie only; not carried"
                    + " out: {}", profile.fullPath(), rulePath, String.join(", ", reading.unsupported()));
        }
        return reading.key();
    }

    private static Optional<String> text(Body body, String property) {
        return body.text(property);
    }

    private static boolean enabled(Body body, String property) {
        return body.text(property).orElse("disabled").equals("enabled");
    }

    /**
     * A timeout or expiration: seconds, {@code indefinite} (0, never), or BIG-IP's
     * {@code d:h:m:s} form for cookie expiration ({@code 1:0:0} is an hour).
     */
    static long seconds(String value) {
        if (value.equals("indefinite")) {
            return 0;
        }
        long total = 0;
        for (String part : value.split(":")) {
            if (!part.matches("\\d{1,10}")) {
                return 0;
            }
            total = total * 60 + Long.parseLong(part);
        }
        String[] parts = value.split(":");
        if (parts.length == 4) {
            total = Long.parseLong(parts[0]) * 86_400 + Long.parseLong(parts[1]) * 3_600
                    + Long.parseLong(parts[2]) * 60 + Long.parseLong(parts[3]);
        }
        return total;
    }

    private static Optional<byte[]> maskBytes(String mask) {
        if (!mask.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(mask).getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("mask " + mask + " is not an address", e);
        }
    }
}
