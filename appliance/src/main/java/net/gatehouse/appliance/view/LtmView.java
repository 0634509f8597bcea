package net.gatehouse.appliance.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.Addresses;
import net.gatehouse.appliance.schema.ValueType;

/**
 * The typed, immutable view of the LTM objects the data plane and monitors act on, compiled from
 * one snapshot with every default and inherited value filled in. Consumers read records, never
 * property maps.
 */
public record LtmView(long generation, Map<String, Node> nodes, Map<String, Pool> pools,
        Map<String, Virtual> virtuals, Map<String, List<String>> snatpools, HttpSystem httpSystem) {

    public LtmView {
        nodes = Map.copyOf(nodes);
        pools = Map.copyOf(pools);
        virtuals = Map.copyOf(virtuals);
        snatpools = Map.copyOf(snatpools);
    }

    /** A backend host. */
    public record Node(String fullPath, String address, long connectionLimit, String monitor, int ratio,
            int dynamicRatio, boolean sessionEnabled, boolean forcedDown) {
    }

    /** One member of a pool. */
    public record Member(String fullPath, String address, int port, long connectionLimit, String monitor, int ratio,
            int dynamicRatio, int priorityGroup, boolean sessionEnabled, boolean forcedDown) {

        /** The node this member refers to: {@code /Common/10.0.0.1:80} → {@code /Common/10.0.0.1}. */
        public String nodePath() {
            return Addresses.memberNode(fullPath);
        }
    }

    /**
     * A pool and its members, in configuration order, with its queue settings: whether a connection
     * waits when every member is at its limit, how many may wait (0: no limit) and for how long
     * (milliseconds, 0: no limit).
     */
    public record Pool(String fullPath, String loadBalancingMode, List<Member> members, String monitor,
            int minActiveMembers, int slowRampSeconds, String serviceDownAction, int reselectTries,
            boolean queueOnConnectionLimit, long queueDepthLimit, long queueTimeLimitMillis) {
        public Pool {
            members = List.copyOf(members);
        }
    }

    /** A virtual server and what it uses. */
    public record Virtual(String fullPath, String address, int port, String mask, String ipProtocol, boolean enabled,
            Optional<String> pool, List<String> profiles, List<String> persist, long connectionLimit,
            Transport transport, SourceTranslation sourceTranslation, Optional<Http> http, List<String> rules,
            Optional<OneConnect> oneConnect) {
        public Virtual {
            profiles = List.copyOf(profiles);
            persist = List.copyOf(persist);
            rules = List.copyOf(rules);
        }
    }

    /**
     * The virtual's transport profile ({@code fastL4} or {@code tcp}, or none): its full path, its
     * idle timeout in seconds (0 = {@code indefinite}) and whether an idle timeout resets both sides.
     */
    public record Transport(Optional<String> profile, long idleTimeoutSeconds, boolean resetOnTimeout) {
        /** A virtual with no transport profile: BIG-IP's fastL4 defaults. */
        public static final Transport NONE = new Transport(Optional.empty(), 300, true);
    }

    /**
     * The virtual's http profile, as the L7 path acts on it.
     *
     * @param headerErase   header names to remove from requests ({@code header-erase}, names separated by {@code ;})
     * @param headerInsert  a header line ({@code Name: value}) to add to requests, or empty
     * @param fallbackHost  where to redirect when no member can serve (or on a fallback status code), or empty
     * @param knownMethods  the methods {@code unknown-method} does not apply to
     */
    public record Http(String profile, boolean insertXForwardedFor, List<String> headerErase,
            Optional<String> headerInsert, Optional<String> fallbackHost, Set<Integer> fallbackStatusCodes,
            String serverAgentName, String redirectRewrite, int maxHeaderCount, int maxHeaderSize, long maxRequests,
            String unknownMethod, String pipeline, Set<String> knownMethods, Hsts hsts) {
        public Http {
            headerErase = List.copyOf(headerErase);
            fallbackStatusCodes = Set.copyOf(fallbackStatusCodes);
            knownMethods = Set.copyOf(knownMethods);
        }
    }

    /**
     * The virtual's {@code one-connect} profile: server-side connection reuse and one
     * load-balancing decision per request.
     *
     * @param sourceMask          {@code source-mask}: {@code any} or a netmask
     * @param idleTimeoutOverride {@code idle-timeout-override} in seconds (0: {@code indefinite});
     *                            empty when {@code disabled} (the transport profile's idle timeout applies)
     */
    public record OneConnect(String profile, String sourceMask, long maxSize, long maxAgeSeconds, long maxReuse,
            Optional<Long> idleTimeoutOverride, boolean sharePools) {
    }

    /** The http profile's {@code hsts} block. */
    public record Hsts(boolean enabled, long maximumAge, boolean includeSubdomains, boolean preload) {
    }

    /**
     * Appliance-wide HTTP settings from {@code sys db} variables (Gatehouse's own; BIG-IP has no
     * such keys): answer failures with an error page instead of a reset, the request header
     * timeout and the server response timeout, in seconds.
     */
    public record HttpSystem(boolean errorPage, long headerTimeoutSeconds, long responseTimeoutSeconds) {
        public static final String ERROR_PAGE = "tm.gatehouse.http.errorpage";
        public static final String HEADER_TIMEOUT = "tm.gatehouse.http.headertimeout";
        public static final String RESPONSE_TIMEOUT = "tm.gatehouse.http.responsetimeout";
    }

    /** {@code source-address-translation}: {@code type} (none, automap, snat, lsn) and its snatpool. */
    public record SourceTranslation(String type, Optional<String> pool) {
    }

    /** The view of {@code snapshot}, compiled once per snapshot however many readers ask. */
    public static LtmView of(Snapshot snapshot) {
        return snapshot.derived(LtmView.class, LtmView::compile);
    }

    private static LtmView compile(Snapshot snapshot) {
        Effective effective = new Effective(snapshot);
        Map<String, Node> nodes = new TreeMap<>();
        for (ConfigObject object : snapshot.all(snapshot.schema().require("ltm node"))) {
            Body body = effective.body(object);
            nodes.put(object.fullPath(), new Node(object.fullPath(), text(body, "address"),
                    number(body, "connection-limit"), text(body, "monitor"), (int) number(body, "ratio"),
                    (int) number(body, "dynamic-ratio"), !text(body, "session").equals("user-disabled"), text(body, "state").equals("user-down")));
        }
        Map<String, Pool> pools = new TreeMap<>();
        for (ConfigObject object : snapshot.all(snapshot.schema().require("ltm pool"))) {
            Body body = effective.body(object);
            List<Member> members = new ArrayList<>();
            for (Item item : items(body, "members")) {
                Body member = item.body();
                String local = item.name().substring(item.name().lastIndexOf('/') + 1);
                int port = Integer.parseInt(local.substring(Math.max(local.lastIndexOf(':'), local.lastIndexOf('.')) + 1));
                members.add(new Member(item.name(), text(member, "address"), port, number(member, "connection-limit"),
                        text(member, "monitor"), (int) number(member, "ratio"), (int) number(member, "dynamic-ratio"),
                        (int) number(member, "priority-group"),
                        !text(member, "session").equals("user-disabled"), text(member, "state").equals("user-down")));
            }
            pools.put(object.fullPath(), new Pool(object.fullPath(), text(body, "load-balancing-mode"), members,
                    text(body, "monitor"), (int) number(body, "min-active-members"),
                    (int) number(body, "slow-ramp-time"), text(body, "service-down-action"),
                    (int) number(body, "reselect-tries"), text(body, "queue-on-connection-limit").equals("enabled"),
                    number(body, "queue-depth-limit"), number(body, "queue-time-limit")));
        }
        Map<String, List<String>> snatpools = new TreeMap<>();
        for (ConfigObject object : snapshot.all(snapshot.schema().require("ltm snatpool"))) {
            snatpools.put(object.fullPath(), items(object.body(), "members").stream()
                    .map(item -> item.name().substring(item.name().lastIndexOf('/') + 1)).toList());
        }
        Map<String, Virtual> virtuals = new TreeMap<>();
        for (ConfigObject object : snapshot.all(snapshot.schema().require("ltm virtual"))) {
            Body body = effective.body(object);
            String destination = text(body, "destination");
            String pool = text(body, "pool");
            List<String> profiles = items(body, "profiles").stream().map(Item::name).toList();
            Body translation = ((Value.Block) body.get("source-address-translation").orElseThrow()).body();
            String snatpool = text(translation, "pool");
            virtuals.put(object.fullPath(), new Virtual(object.fullPath(),
                    ValueType.Destination.address(destination), ValueType.Destination.port(destination),
                    text(body, "mask"), text(body, "ip-protocol"), !text(body, "enabled").equals("disabled"),
                    pool.equals("none") ? Optional.empty() : Optional.of(pool), profiles,
                    items(body, "persist").stream().map(Item::name).toList(), number(body, "connection-limit"),
                    transport(snapshot, effective, profiles),
                    new SourceTranslation(text(translation, "type"),
                            snatpool.equals("none") ? Optional.empty() : Optional.of(snatpool)),
                    http(snapshot, effective, profiles), items(body, "rules").stream().map(Item::name).toList(),
                    oneConnect(snapshot, effective, profiles)));
        }
        return new LtmView(snapshot.generation(), nodes, pools, virtuals, snatpools, httpSystem(snapshot));
    }

    /** The virtual's http profile, if it has one. */
    private static Optional<Http> http(Snapshot snapshot, Effective effective, List<String> profiles) {
        for (String path : profiles) {
            Optional<ConfigObject> profile = snapshot.get(snapshot.schema().require("ltm profile http"), path);
            if (profile.isPresent()) {
                Body body = effective.body(profile.get());
                Body enforcement = block(body, "enforcement");
                Body hsts = block(body, "hsts");
                String insert = text(body, "header-insert");
                String fallback = text(body, "fallback-host");
                List<String> erase = text(body, "header-erase").equals("none") ? List.of()
                        : Arrays.stream(text(body, "header-erase").split(";")).map(String::trim)
                                .filter(name -> !name.isEmpty()).toList();
                Set<Integer> statusCodes = new TreeSet<>();
                for (Item item : items(body, "fallback-status-codes")) {
                    if (item.name().matches("\\d{3}")) {
                        statusCodes.add(Integer.parseInt(item.name()));
                    }
                }
                return Optional.of(new Http(path, text(body, "insert-xforwarded-for").equals("enabled"), erase,
                        insert.equals("none") || insert.isBlank() ? Optional.empty() : Optional.of(insert),
                        fallback.equals("none") || fallback.isBlank() ? Optional.empty() : Optional.of(fallback),
                        statusCodes, text(body, "server-agent-name"), text(body, "redirect-rewrite"),
                        (int) number(enforcement, "max-header-count"), (int) number(enforcement, "max-header-size"),
                        number(enforcement, "max-requests"), text(enforcement, "unknown-method"),
                        text(enforcement, "pipeline"),
                        Set.copyOf(List.of(text(enforcement, "known-methods").split("\\s+"))),
                        new Hsts(text(hsts, "mode").equals("enabled"), number(hsts, "maximum-age"),
                                text(hsts, "include-subdomains").equals("enabled"),
                                text(hsts, "preload").equals("enabled"))));
            }
        }
        return Optional.empty();
    }

    /** The virtual's one-connect profile, if it has one. */
    private static Optional<OneConnect> oneConnect(Snapshot snapshot, Effective effective, List<String> profiles) {
        for (String path : profiles) {
            Optional<ConfigObject> profile = snapshot.get(snapshot.schema().require("ltm profile one-connect"), path);
            if (profile.isPresent()) {
                Body body = effective.body(profile.get());
                String override = text(body, "idle-timeout-override");
                // Stored as text (REST writes a string); a commit takes only disabled, indefinite or seconds.
                Optional<Long> idleTimeout = override.equals("indefinite") ? Optional.of(0L)
                        : override.matches("\\d{1,10}") ? Optional.of(Long.parseLong(override)) : Optional.empty();
                return Optional.of(new OneConnect(path, text(body, "source-mask"), number(body, "max-size"),
                        number(body, "max-age"), number(body, "max-reuse"), idleTimeout,
                        text(body, "share-pools").equals("enabled")));
            }
        }
        return Optional.empty();
    }

    private static HttpSystem httpSystem(Snapshot snapshot) {
        return new HttpSystem(db(snapshot, HttpSystem.ERROR_PAGE).equals("enable"),
                Long.parseLong(db(snapshot, HttpSystem.HEADER_TIMEOUT)),
                Long.parseLong(db(snapshot, HttpSystem.RESPONSE_TIMEOUT)));
    }

    private static String db(Snapshot snapshot, String name) {
        return snapshot.get(snapshot.schema().require("sys db"), name)
                .flatMap(object -> object.body().text("value")).orElseThrow();
    }

    private static Body block(Body body, String property) {
        return body.get(property).map(v -> ((Value.Block) v).body()).orElse(Body.EMPTY);
    }

    /** The first of the virtual's profiles that is a fastL4 or tcp profile, with its timeouts. */
    private static Transport transport(Snapshot snapshot, Effective effective, List<String> profiles) {
        for (String path : profiles) {
            for (String kind : List.of("ltm profile fastl4", "ltm profile tcp")) {
                Optional<ConfigObject> profile = snapshot.get(snapshot.schema().require(kind), path);
                if (profile.isPresent()) {
                    Body body = effective.body(profile.get());
                    return new Transport(Optional.of(path), idleTimeoutSeconds(text(body, "idle-timeout")),
                            text(body, "reset-on-timeout").equals("enabled"));
                }
            }
        }
        return Transport.NONE;
    }

    /**
     * Seconds, {@code indefinite} (0: never) or {@code immediate} (one second, the shortest timer
     * here); a value that is none of these (fastL4 stores the word as text) keeps F5's 300.
     */
    private static long idleTimeoutSeconds(String value) {
        return switch (value) {
            case "indefinite" -> 0;
            case "immediate" -> 1;
            default -> value.matches("\\d{1,9}") ? Long.parseLong(value) : Transport.NONE.idleTimeoutSeconds();
        };
    }

    private static String text(Body body, String property) {
        return body.text(property).orElse("");
    }

    private static long number(Body body, String property) {
        return Long.parseLong(body.text(property).orElse("0"));
    }

    private static List<Item> items(Body body, String property) {
        return body.get(property).map(v -> ((Value.Items) v).items()).orElse(List.of());
    }
}
