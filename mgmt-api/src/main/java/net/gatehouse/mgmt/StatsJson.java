package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.dataplane.DataPlane;
import net.gatehouse.appliance.dataplane.Reports;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.stats.HttpProfileStatistics;
import net.gatehouse.appliance.stats.OneConnectProfileStatistics;
import net.gatehouse.appliance.stats.Statistic;
import net.gatehouse.appliance.stats.Statistics;
import net.gatehouse.appliance.syntax.IcontrolJson;

/**
 * {@code .../stats} of virtual servers, pools, pool members, nodes, http and one-connect profiles, VLANs
 * and traffic groups in BIG-IP's shape: an {@code entries} map from each object's stats link to {@code {"nestedStats": {"entries": ...}}},
 * each statistic as {@code {"value": n}} or {@code {"description": "..."}} under its REST key from
 * {@link Statistics}, plus {@code tmName}. For one object the link repeats its name
 * ({@code .../pool/~Common~web/~Common~web/stats}), as BIG-IP 13 and later write it.
 */
final class StatsJson {

    private static final String BASE = "https://localhost/mgmt/tm/";
    /** {@code show net vlan}'s traffic counters, REST keys under {@code counters.}. */
    private static final List<String> VLAN_COUNTERS = List.of("bitsIn", "bitsOut", "collisions", "dropsAll",
            "dropsIn", "dropsOut", "errorsAll", "errorsIn", "errorsOut", "mcastIn", "mcastOut", "pktsIn", "pktsOut");

    private final DataPlane dataPlane;
    private final Snapshot snapshot;

    StatsJson(DataPlane dataPlane, Snapshot snapshot) {
        this.dataPlane = dataPlane;
        this.snapshot = snapshot;
    }

    /** The stats at a path below {@code /mgmt/tm/} ending in {@code /stats}; empty when it names none. */
    Optional<ObjectNode> get(String path) {
        List<String> s = Arrays.stream(path.split("/")).filter(w -> !w.isEmpty()).toList();
        if (s.size() == 4 && s.get(0).equals("cm") && s.get(1).equals("traffic-group") && s.get(3).equals("stats")) {
            return Optional.of(trafficGroup(fullPath(s.get(2))));
        }
        if (s.size() == 4 && s.get(0).equals("net") && s.get(1).equals("vlan") && s.get(3).equals("stats")) {
            return Optional.of(vlan(fullPath(s.get(2))));
        }
        if (s.size() < 3 || !s.get(0).equals("ltm") || !s.get(s.size() - 1).equals("stats")) {
            return Optional.empty();
        }
        boolean profile = s.size() >= 4 && s.get(1).equals("profile");
        String kind = profile ? "profile " + s.get(2) : s.get(1);
        if (!List.of("virtual", "pool", "node", "profile http", "profile one-connect").contains(kind)) {
            return Optional.empty();
        }
        ComponentType type = snapshot.schema().require("ltm " + kind);
        List<String> names = s.subList(profile ? 3 : 2, s.size() - 1);
        if (names.isEmpty()) {
            return Optional.of(collection(type, snapshot.all(type).stream().map(ConfigObject::fullPath).toList()));
        }
        String fullPath = fullPath(names.get(0));
        ConfigObject object = snapshot.get(type, fullPath).orElseThrow(() -> new RestError(404,
                "01020036:3: The requested " + type.label() + " (" + fullPath + ") was not found."));
        if (names.size() == 1) {
            return Optional.of(one(type, object.fullPath()));
        }
        if (!kind.equals("pool") || !names.get(1).equals("members") || names.size() > 3) {
            return Optional.empty();
        }
        Reports.Pool pool = dataPlane.pool(fullPath).orElseThrow(() -> notReported(type, fullPath));
        String link = "ltm/pool/" + Paths.tilde(fullPath) + "/members";
        if (names.size() == 2) {
            ObjectNode node = envelope("tm:ltm:pool:members:memberscollectionstats", link + "/stats");
            for (Reports.Member member : pool.members()) {
                String memberLink = link + "/" + Paths.tilde(member.memberPath());
                node.with("entries").set(BASE + memberLink + "/stats", nested("tm:ltm:pool:members:membersstats",
                        memberLink + "/stats", member.memberPath(), Statistics.member(), member));
            }
            return Optional.of(node);
        }
        String memberPath = fullPath(names.get(2));
        Reports.Member member = pool.members().stream().filter(m -> m.memberPath().equals(memberPath)).findFirst()
                .orElseThrow(() -> new RestError(404, "01020036:3: The requested Pool Member (" + fullPath + " "
                        + memberPath + ") was not found."));
        String memberLink = link + "/" + Paths.tilde(memberPath);
        ObjectNode node = envelope("tm:ltm:pool:members:membersstats", memberLink + "/stats");
        node.with("entries").set(BASE + memberLink + "/" + Paths.tilde(memberPath) + "/stats", nested(
                "tm:ltm:pool:members:membersstats", memberLink + "/" + Paths.tilde(memberPath) + "/stats",
                memberPath, Statistics.member(), member));
        return Optional.of(node);
    }

    private ObjectNode collection(ComponentType type, List<String> fullPaths) {
        String kind = type.path().replace(' ', ':');
        String last = type.path().substring(type.path().lastIndexOf(' ') + 1);
        String link = type.path().replace(' ', '/');
        ObjectNode node = envelope("tm:" + kind + ":" + last + "collectionstats", link + "/stats");
        for (String fullPath : fullPaths) {
            String objectLink = link + "/" + Paths.tilde(fullPath) + "/stats";
            report(type, fullPath, objectLink).ifPresent(n -> node.with("entries").set(BASE + objectLink, n));
        }
        return node;
    }

    private ObjectNode one(ComponentType type, String fullPath) {
        String kind = type.path().replace(' ', ':');
        String last = type.path().substring(type.path().lastIndexOf(' ') + 1);
        String link = type.path().replace(' ', '/') + "/" + Paths.tilde(fullPath);
        ObjectNode node = envelope("tm:" + kind + ":" + last + "stats", link + "/stats");
        String inner = link + "/" + Paths.tilde(fullPath) + "/stats";
        node.with("entries").set(BASE + inner, report(type, fullPath, inner)
                .orElseThrow(() -> notReported(type, fullPath)));
        return node;
    }

    private Optional<ObjectNode> report(ComponentType type, String fullPath, String link) {
        String last = type.path().substring(type.path().lastIndexOf(' ') + 1);
        String kind = "tm:" + type.path().replace(' ', ':') + ":" + last + "stats";
        return switch (last) {
            case "virtual" -> dataPlane.virtual(fullPath).map(r -> nested(kind, link, fullPath, Statistics.virtual(), r));
            case "pool" -> dataPlane.pool(fullPath).map(r -> nested(kind, link, fullPath, Statistics.pool(), r));
            case "http" -> Optional.of(nested(kind, link, fullPath, HttpProfileStatistics.rest(),
                    dataPlane.httpProfile(fullPath)));
            case "one-connect" -> Optional.of(nested(kind, link, fullPath,
                    OneConnectProfileStatistics.rest(), dataPlane.oneConnect(fullPath)));
            default -> dataPlane.node(fullPath).map(r -> nested(kind, link, fullPath, Statistics.node(), r));
        };
    }

    private static <R> ObjectNode nested(String kind, String link, String fullPath, List<Statistic<R>> statistics,
            R report) {
        ObjectNode nested = JsonNodeFactory.instance.objectNode();
        ObjectNode stats = nested.putObject("nestedStats");
        stats.put("kind", kind);
        stats.put("selfLink", BASE + link + "?ver=" + IcontrolJson.VERSION);
        ObjectNode entries = stats.putObject("entries");
        for (Statistic<R> statistic : statistics) {
            Object value = statistic.value(report);
            if (value instanceof Number number) {
                entries.putObject(statistic.restKey()).put("value", number.longValue());
            } else {
                entries.putObject(statistic.restKey()).put("description", String.valueOf(value));
            }
        }
        entries.putObject("tmName").put("description", fullPath);
        return nested;
    }

    /**
     * A traffic group's failover state: this appliance is standalone, so it is active for every
     * traffic group, with nothing before or after it.
     */
    private ObjectNode trafficGroup(String fullPath) {
        ComponentType type = snapshot.schema().require("cm traffic-group");
        snapshot.get(type, fullPath).orElseThrow(() -> new RestError(404,
                "01020036:3: The requested " + type.label() + " (" + fullPath + ") was not found."));
        String link = "cm/traffic-group/" + Paths.tilde(fullPath) + "/stats";
        ObjectNode node = envelope("tm:cm:traffic-group:traffic-groupstats", link);
        ObjectNode stats = node.with("entries").putObject(BASE + link).putObject("nestedStats");
        stats.put("kind", "tm:cm:traffic-group:traffic-groupstats");
        stats.put("selfLink", BASE + link + "?ver=" + IcontrolJson.VERSION);
        ObjectNode entries = stats.putObject("entries");
        entries.putObject("deviceName").put("description", "/Common/" + SystemInfo.hostname(snapshot));
        entries.putObject("failoverState").put("description", "active");
        entries.putObject("nextActive").put("description", "false");
        entries.putObject("previousActive").put("description", "false");
        entries.putObject("trafficGroup").put("description", fullPath);
        return node;
    }

    /**
     * A VLAN's statistics ({@code show net vlan}): its tag ({@code id}), interface index and MTU from
     * its configuration; Gatehouse carries traffic through the host's own interfaces, not through
     * VLANs, so every traffic counter is 0 and there is no true MAC address ({@code none}).
     */
    private ObjectNode vlan(String fullPath) {
        ComponentType type = snapshot.schema().require("net vlan");
        ConfigObject vlan = snapshot.get(type, fullPath).orElseThrow(() -> new RestError(404,
                "01020036:3: The requested " + type.label() + " (" + fullPath + ") was not found."));
        Body body = new Effective(snapshot).body(vlan);
        String link = "net/vlan/" + Paths.tilde(fullPath);
        String inner = link + "/" + Paths.tilde(fullPath) + "/stats";
        ObjectNode node = envelope("tm:net:vlan:vlanstats", link + "/stats");
        ObjectNode stats = node.with("entries").putObject(BASE + inner).putObject("nestedStats");
        stats.put("kind", "tm:net:vlan:vlanstats");
        stats.put("selfLink", BASE + inner + "?ver=" + IcontrolJson.VERSION);
        ObjectNode entries = stats.putObject("entries");
        for (String counter : VLAN_COUNTERS) {
            entries.putObject("counters." + counter).put("value", 0L);
        }
        entries.putObject("failsafeAction").put("description", body.text("failsafe-action").orElseThrow());
        entries.putObject("id").put("value", Long.parseLong(body.text("tag").orElseThrow()));
        entries.putObject("ifIndex").put("value", Long.parseLong(body.text("if-index").orElseThrow()));
        entries.putObject("macTrue").put("description", "none");
        entries.putObject("mtu").put("value", Long.parseLong(body.text("mtu").orElseThrow()));
        entries.putObject("tmName").put("description", fullPath);
        return node;
    }

    private static ObjectNode envelope(String kind, String link) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", kind);
        node.put("selfLink", BASE + link + "?ver=" + IcontrolJson.VERSION);
        node.putObject("entries");
        return node;
    }

    private static String fullPath(String segment) {
        String name = Paths.fromTilde(segment);
        return name.startsWith("/") ? name : Paths.join(Paths.COMMON, name);
    }

    private static RestError notReported(ComponentType type, String fullPath) {
        return new RestError(404, "01020036:3: The requested " + type.label() + " (" + fullPath
                + ") has no statistics yet.");
    }

}
