package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.syntax.IcontrolJson;

/**
 * The read-only system resources clients ask for before anything else, which are facts about the
 * box rather than configuration: {@code sys/version}, {@code sys/provision} (LTM provisioned,
 * every other module not) and {@code cm/device} (this appliance, standalone and active, named after its
 * host name). Also the collections of BIG-IP features this appliance does not have (GRE tunnels, SIP
 * profiles, ...), which F5's clients list to classify objects: they answer as empty collections,
 * truthfully, instead of as unknown URIs.
 */
final class SystemInfo {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String VERSION = IcontrolJson.VERSION;
    private static final String BUILD = "0.0.1";
    private static final String DATE = "Gatehouse";
    private static final String EDITION = "Final";
    private static final List<String> MODULES = List.of("afm", "am", "apm", "asm", "avr", "dos", "fps", "gtm",
            "ilx", "lc", "ltm", "pem", "sslo", "swg", "urldb");
    private static final String PROVISION = "sys/provision/";
    private static final List<String> EMPTY_COLLECTIONS = List.of("net/tunnels/gre", "net/tunnels/ipip",
            "ltm/profile/fasthttp", "ltm/profile/diameter",
            "ltm/profile/sip", "ltm/profile/dhcpv4", "ltm/profile/dhcpv6", "ltm/message-routing/sip/profile/session",
            "net/interface", "net/trunk", "sys/application/service", "sys/software/image",
            "sys/software/hotfix", "vcmp/guest");

    private final Supplier<String> hostname;
    private final Clock clock;

    /** {@code hostname} gives the host name now; this appliance's device is named after it. */
    SystemInfo(Supplier<String> hostname, Clock clock) {
        this.hostname = hostname;
        this.clock = clock;
    }

    /**
     * The appliance's host name ({@code sys global-settings hostname}, {@code bigip1} on a fresh box), which
     * is also the name of its device in {@code cm device} and in the failover status, as on a BIG-IP whose
     * device was renamed with its host name.
     */
    static String hostname(Snapshot snapshot) {
        return snapshot.schema().type("sys global-settings").flatMap(t -> snapshot.get(t, t.singletonName()))
                .flatMap(o -> o.body().text("hostname")).orElse("bigip1");
    }

    /** The resource at a path below {@code /mgmt/tm/} if it is one of these, for GET. */
    Optional<ObjectNode> get(String path) {
        String clean = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
        return switch (clean) {
            case "sys/version" -> Optional.of(version());
            case "sys/provision" -> Optional.of(provision());
            case "sys/clock" -> Optional.of(clock());
            case "sys/hardware" -> Optional.of(hardware());
            case "sys/available" -> Optional.of(available());
            case "sys/license" -> Optional.of(stats("sys/license", NODES.objectNode()));
            case "sys/software/volume" -> Optional.of(volumes());
            case "cm/sync-status" -> Optional.of(syncStatus());
            case "cm/device" -> Optional.of(devices());
            case "cm" -> Optional.of(listing(List.of("cm"), List.of("device")));
            default -> clean.startsWith(PROVISION) ? provisioned(clean.substring(PROVISION.length()))
                    : EMPTY_COLLECTIONS.contains(clean) ? Optional.of(empty(clean)) : Optional.empty();
        };
    }

    /**
     * A PATCH of {@code sys/provision/MODULE}: LTM is provisioned {@code nominal} and stays so (a
     * PATCH asking for that changes nothing); any other level or module is refused, since this
     * appliance has no other module to provision.
     *
     * @return the module's resource after the change, or empty when the path is not a provisioning one
     */
    Optional<ObjectNode> provision(String path, JsonNode body) {
        String clean = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
        if (!clean.startsWith(PROVISION)) {
            return Optional.empty();
        }
        String module = clean.substring(PROVISION.length());
        ObjectNode current = provisioned(module).orElseThrow(() -> new RestError(404,
                "01020036:3: The requested provisioning module (" + module + ") was not found."));
        String level = body.path("level").asText(current.path("level").asText());
        if (!level.equals(current.path("level").asText())) {
            throw new RestError(400, "Provisioning module " + module + " at level " + level + " is not possible on"
                    + " this appliance: it carries LTM only, provisioned nominal, and no other module.");
        }
        return Optional.of(current);
    }

    private static Optional<ObjectNode> provisioned(String module) {
        return MODULES.contains(module) ? Optional.of(provisionItem(module)) : Optional.empty();
    }

    /**
     * {@code cm/sync-status} of a standalone device, as BIG-IP shows one that is in no device group:
     * green, {@code standalone}, status {@code Standalone}.
     */
    private static ObjectNode syncStatus() {
        ObjectNode entries = NODES.objectNode();
        entries.putObject("color").put("description", "green");
        entries.putObject("mode").put("description", "standalone");
        entries.putObject("status").put("description", "Standalone");
        entries.putObject("summary").put("description", " ");
        return stats("cm/sync-status", entries);
    }

    /**
     * {@code {"kind": "tm:a:b:bstats", "selfLink": ..., "entries": {".../a/b/0": {"nestedStats":
     * {"entries": ...}}}}}; with no entries (a licence, which Gatehouse does not need), {@code "entries": {}}.
     */
    private static ObjectNode stats(String path, ObjectNode entries) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:" + path.replace('/', ':') + ":" + last + "stats");
        node.put("selfLink", "https://localhost/mgmt/tm/" + path + "?ver=" + VERSION);
        ObjectNode outer = node.putObject("entries");
        if (!entries.isEmpty()) {
            outer.putObject("https://localhost/mgmt/tm/" + path + "/0").putObject("nestedStats").set("entries", entries);
        }
        return node;
    }

    /** {@code sys/software/volume}: the one volume Gatehouse runs from, active, with its version. */
    private static ObjectNode volumes() {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:sys:software:volume:volumecollectionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/sys/software/volume?ver=" + VERSION);
        ObjectNode volume = node.putArray("items").addObject();
        volume.put("kind", "tm:sys:software:volume:volumestate");
        volume.put("name", "HD1.1");
        volume.put("fullPath", "HD1.1");
        volume.put("generation", 1);
        volume.put("selfLink", "https://localhost/mgmt/tm/sys/software/volume/HD1.1?ver=" + VERSION);
        volume.put("active", true);
        volume.put("basebuild", BUILD);
        volume.put("build", BUILD);
        volume.set("media", NODES.arrayNode().add(NODES.objectNode().put("name", "HD1.1")
                .put("defaultBootLocation", true).put("media", "hd").put("label", "Gatehouse")));
        volume.put("product", "BIG-IP");
        volume.put("status", "complete");
        volume.put("version", VERSION);
        return node;
    }

    /**
     * {@code sys/available}: answers once the REST API serves, which F5's {@code bigip_wait}
     * asks before it declares the box ready; Gatehouse's API serves only after the boot finished.
     */
    private static ObjectNode available() {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:sys:available:availablestats");
        node.put("selfLink", "https://localhost/mgmt/tm/sys/available?ver=" + VERSION);
        node.putObject("entries");
        return node;
    }

    /** The extra entries a module listing ({@code /mgmt/tm/sys}) shows besides schema components. */
    List<String> extraComponents(List<String> module) {
        return module.equals(List.of("sys")) ? List.of("clock", "hardware", "provision", "version") : List.of();
    }

    /** {@code {"kind": "tm:sys:syscollectionstate", "selfLink": ..., "items": [{"reference": {"link": ...}}]}}. */
    static ObjectNode listing(List<String> words, List<String> components) {
        ObjectNode node = NODES.objectNode();
        String path = String.join("/", words);
        node.put("kind", "tm:" + String.join(":", words) + ":" + words.get(words.size() - 1) + "collectionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/" + path + "?ver=" + VERSION);
        ArrayNode items = node.putArray("items");
        for (String component : components) {
            items.addObject().putObject("reference")
                    .put("link", "https://localhost/mgmt/tm/" + path + "/" + component + "?ver=" + VERSION);
        }
        return node;
    }

    private static ObjectNode version() {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:sys:version:versionstats");
        node.put("selfLink", "https://localhost/mgmt/tm/sys/version?ver=" + VERSION);
        ObjectNode entries = node.putObject("entries").putObject("https://localhost/mgmt/tm/sys/version/0")
                .putObject("nestedStats").putObject("entries");
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("Build", BUILD);
        facts.put("Date", DATE);
        facts.put("Edition", EDITION);
        facts.put("Product", "BIG-IP");
        facts.put("Title", "Main Package");
        facts.put("Version", VERSION);
        facts.forEach((key, value) -> entries.putObject(key).put("description", value));
        return node;
    }

    /** {@code sys/clock}: the appliance's time, as {@code fullDate} in UTC. */
    private ObjectNode clock() {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:sys:clock:clockstats");
        node.put("selfLink", "https://localhost/mgmt/tm/sys/clock?ver=" + VERSION);
        node.putObject("entries").putObject("https://localhost/mgmt/tm/sys/clock/0").putObject("nestedStats")
                .putObject("entries").putObject("fullDate").put("description",
                        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        return node;
    }

    /**
     * {@code sys/hardware}: no entries. The platform (model, serial number, base MAC) is the
     * simulated hardware's, which the management API does not see; clients treat the facts as absent.
     */
    private static ObjectNode hardware() {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:sys:hardware:hardwarestats");
        node.put("selfLink", "https://localhost/mgmt/tm/sys/hardware?ver=" + VERSION);
        node.putObject("entries");
        return node;
    }

    /** The version file BIG-IP keeps as {@code /VERSION}, with the facts of {@code sys/version}. */
    static String versionFile() {
        return "Product: BIG-IP\nVersion: " + VERSION + "\nBuild: " + BUILD + "\nEdition: " + EDITION + "\nDate: "
                + DATE + "\n";
    }

    private static ObjectNode provision() {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:sys:provision:provisioncollectionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/sys/provision?ver=" + VERSION);
        ArrayNode items = node.putArray("items");
        for (String module : MODULES) {
            items.add(provisionItem(module));
        }
        return node;
    }

    private static ObjectNode provisionItem(String module) {
        ObjectNode item = NODES.objectNode();
        item.put("kind", "tm:sys:provision:provisionstate");
        item.put("name", module);
        item.put("fullPath", module);
        item.put("generation", 1);
        item.put("selfLink", "https://localhost/mgmt/tm/sys/provision/" + module + "?ver=" + VERSION);
        item.put("cpuRatio", 0);
        item.put("diskRatio", 0);
        item.put("level", module.equals("ltm") ? "nominal" : "none");
        item.put("memoryRatio", 0);
        return item;
    }

    private ObjectNode devices() {
        String hostname = this.hostname.get();
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:cm:device:devicecollectionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/cm/device?ver=" + VERSION);
        ObjectNode device = node.putArray("items").addObject();
        device.put("kind", "tm:cm:device:devicestate");
        device.put("name", hostname);
        device.put("partition", "Common");
        device.put("fullPath", "/Common/" + hostname);
        device.put("generation", 1);
        device.put("selfLink", "https://localhost/mgmt/tm/cm/device/~Common~" + hostname + "?ver=" + VERSION);
        device.put("build", "0.0.1");
        device.put("edition", "Final");
        device.put("failoverState", "active");
        device.put("haCapacity", 0);
        device.put("hostname", hostname);
        device.put("managementIp", "127.0.0.1");
        device.put("product", "BIG-IP");
        device.put("selfDevice", "true");
        device.put("timeZone", "UTC");
        device.put("version", VERSION);
        return node;
    }

    private static ObjectNode empty(String path) {
        String[] words = path.split("/");
        String last = words[words.length - 1];
        ObjectNode node = NODES.objectNode();
        node.put("kind", "tm:" + String.join(":", words) + ":" + last + "collectionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/" + path + "?ver=" + VERSION);
        node.putArray("items");
        return node;
    }
}
