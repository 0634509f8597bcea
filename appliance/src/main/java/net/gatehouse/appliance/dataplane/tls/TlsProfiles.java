package net.gatehouse.appliance.dataplane.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.util.DomainWildcardMappingBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.crypto.CryptoService;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.view.LtmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS contexts of the running configuration, rebuilt per snapshot (never per connection): a
 * profile's context is kept while neither its effective properties nor the certificate and key
 * objects it names change, and built anew otherwise.
 */
public final class TlsProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(TlsProfiles.class);
    private static final String CLIENT_SSL = "ltm profile client-ssl";
    private static final String SERVER_SSL = "ltm profile server-ssl";
    private static final List<String> INHERITED_COLLECTIONS = List.of("options", "cert-key-chain");
    private static final int MAX_PARENTS = 32;
    private static final List<String> MATERIAL = List.of("cert", "key", "chain", "ca-file");

    private final TlsEngine engine;
    private final SslProfileContexts contexts;
    private Map<Fingerprint, Built> built = Map.of();
    private volatile Map<String, VirtualTls> virtuals = Map.of();

    /** A profile as a context depends on it: its effective body and the material objects it names. */
    private record Fingerprint(String path, Body effective, List<Optional<Body>> material) {
    }

    /** A context, or why there is none. */
    private record Built(SslContext context, String unusable, Optional<String> serverName, boolean sniDefault) {
    }

    public TlsProfiles(TlsEngine engine, CryptoService crypto) {
        this.engine = engine;
        this.contexts = new SslProfileContexts(engine, crypto);
    }

    public TlsEngine engine() {
        return engine;
    }

    /** Builds what changed in {@code snapshot} for the virtuals of {@code view}. */
    public synchronized void apply(Snapshot snapshot, LtmView view) {
        Effective effective = new Effective(snapshot);
        ComponentType clientType = snapshot.schema().require(CLIENT_SSL);
        ComponentType serverType = snapshot.schema().require(SERVER_SSL);
        Map<Fingerprint, Built> next = new HashMap<>();
        Map<String, VirtualTls> nextVirtuals = new HashMap<>();
        for (LtmView.Virtual virtual : view.virtuals().values()) {
            List<Built> clientSide = new ArrayList<>();
            Built serverSide = null;
            for (String path : virtual.profiles()) {
                Optional<ConfigObject> client = snapshot.get(clientType, path);
                Optional<ConfigObject> server = snapshot.get(serverType, path);
                if (client.isPresent()) {
                    clientSide.add(built(snapshot, effective, client.get(), true, next));
                } else if (server.isPresent() && serverSide == null) {
                    serverSide = built(snapshot, effective, server.get(), false, next);
                }
            }
            if (!clientSide.isEmpty() || serverSide != null) {
                nextVirtuals.put(virtual.fullPath(), virtualTls(clientSide, serverSide));
            }
        }
        built = next;
        virtuals = Map.copyOf(nextVirtuals);
    }

    /** The TLS of a virtual server, if it has client-ssl or server-ssl profiles. */
    public Optional<VirtualTls> virtual(String fullPath) {
        return Optional.ofNullable(virtuals.get(fullPath));
    }

    private Built built(Snapshot snapshot, Effective effective, ConfigObject profile, boolean clientSide,
            Map<Fingerprint, Built> next) {
        Body body = withInheritedCollections(snapshot, profile, effective.body(profile));
        Fingerprint fingerprint = new Fingerprint(profile.fullPath(), body, material(snapshot, body));
        Built known = next.containsKey(fingerprint) ? next.get(fingerprint) : built.get(fingerprint);
        if (known == null) {
            known = build(snapshot, profile, body, clientSide);
        }
        next.put(fingerprint, known);
        return known;
    }

    private Built build(Snapshot snapshot, ConfigObject profile, Body body, boolean clientSide) {
        Optional<String> serverName = body.text("server-name").filter(n -> !n.equals("none"));
        boolean sniDefault = body.text("sni-default").orElse("false").equals("true");
        try {
            SslContext context = clientSide ? contexts.clientSide(snapshot, profile, body)
                    : contexts.serverSide(snapshot, profile, body);
            LOG.info("{}: TLS context built ({}, {} cipher suites)", profile.fullPath(),
                    context.isServer() ? "client side" : "server side", context.cipherSuites().size());
            return new Built(context, null, serverName, sniDefault);
        } catch (UnusableProfile e) {
            LOG.warn("{}: cannot be used, virtual servers using it refuse connections: {}", profile.fullPath(),
                    e.getMessage());
            return new Built(null, e.getMessage(), serverName, sniDefault);
        }
    }

    /**
     * The effective body with {@code options} and {@code cert-key-chain} taken from the nearest
     * {@code defaults-from} ancestor that sets them, as BIG-IP inherits them (the generic effective
     * view leaves collections to the object itself).
     */
    private static Body withInheritedCollections(Snapshot snapshot, ConfigObject profile, Body body) {
        Body result = body;
        for (String property : INHERITED_COLLECTIONS) {
            ConfigObject current = profile;
            for (int depth = 0; depth < MAX_PARENTS && current != null; depth++) {
                Optional<Value> own = current.body().get(property);
                if (own.isPresent()) {
                    result = result.with(property, own.get());
                    break;
                }
                String parent = current.body().text("defaults-from")
                        .orElse(current.type().property("defaults-from").flatMap(p -> p.defaultValue()).orElse("none"));
                current = parent.equals("none") || parent.equals(current.fullPath()) ? null
                        : snapshot.get(current.type(), parent).orElse(null);
            }
        }
        return result;
    }

    /** The certificate and key objects a profile names (their checksums change when material is replaced). */
    private static List<Optional<Body>> material(Snapshot snapshot, Body body) {
        List<Body> places = new ArrayList<>(List.of(body));
        if (body.get("cert-key-chain").orElse(null) instanceof Value.Items items) {
            items.items().stream().map(Item::body).forEach(places::add);
        }
        List<Optional<Body>> material = new ArrayList<>();
        for (Body place : places) {
            for (String property : MATERIAL) {
                String path = place.text(property).orElse("none");
                if (!path.equals("none")) {
                    String kind = property.equals("key") ? "sys file ssl-key" : "sys file ssl-cert";
                    material.add(snapshot.get(snapshot.schema().require(kind), path).map(ConfigObject::body));
                }
            }
        }
        return material;
    }

    /**
     * Several client-ssl profiles: each with a {@code server-name} answers that SNI name; the one
     * marked {@code sni-default} (else the first) answers everything else.
     */
    private static VirtualTls virtualTls(List<Built> clientSide, Built serverSide) {
        List<Built> all = new ArrayList<>(clientSide);
        if (serverSide != null) {
            all.add(serverSide);
        }
        for (Built b : all) {
            if (b.unusable() != null) {
                return new VirtualTls(null, null, null, b.unusable());
            }
        }
        DomainWildcardMappingBuilder<SslContext> mapping = null;
        if (!clientSide.isEmpty()) {
            Built fallback = clientSide.stream().filter(Built::sniDefault).findFirst().orElse(clientSide.get(0));
            mapping = new DomainWildcardMappingBuilder<>(fallback.context());
            for (Built b : clientSide) {
                if (b.serverName().isPresent()) {
                    mapping.add(b.serverName().get(), b.context());
                }
            }
        }
        return new VirtualTls(mapping == null ? null : mapping.build(),
                serverSide == null ? null : serverSide.context(),
                serverSide == null ? null : serverSide.serverName().orElse(null), null);
    }
}
