package net.gatehouse.appliance.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.Addresses;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.ValueType;

/**
 * The typed, immutable view of the LTM objects the data plane and monitors act on, compiled from
 * one snapshot with every default and inherited value filled in. Consumers read records, never
 * property maps.
 */
public record LtmView(long generation, Map<String, Node> nodes, Map<String, Pool> pools,
        Map<String, Virtual> virtuals) {

    public LtmView {
        nodes = Map.copyOf(nodes);
        pools = Map.copyOf(pools);
        virtuals = Map.copyOf(virtuals);
    }

    /** A backend host. */
    public record Node(String fullPath, String address, long connectionLimit, String monitor, int ratio,
            boolean sessionEnabled, boolean forcedDown) {
    }

    /** One member of a pool. */
    public record Member(String fullPath, String address, int port, long connectionLimit, String monitor, int ratio,
            int priorityGroup, boolean sessionEnabled, boolean forcedDown) {

        /** The node this member refers to: {@code /Common/10.0.0.1:80} → {@code /Common/10.0.0.1}. */
        public String nodePath() {
            String local = Paths.name(fullPath);
            String[] parts = Addresses.splitAddressPort(local).orElse(new String[] {local, ""});
            return Paths.join(Paths.folder(fullPath), parts[0]);
        }
    }

    /** A pool and its members, in configuration order. */
    public record Pool(String fullPath, String loadBalancingMode, List<Member> members, String monitor,
            int minActiveMembers, int slowRampSeconds, String serviceDownAction, int reselectTries) {
        public Pool {
            members = List.copyOf(members);
        }
    }

    /** A virtual server and what it uses. */
    public record Virtual(String fullPath, String address, int port, String mask, boolean enabled,
            Optional<String> pool, List<String> profiles, List<String> persist, long connectionLimit) {
        public Virtual {
            profiles = List.copyOf(profiles);
            persist = List.copyOf(persist);
        }
    }

    public static LtmView compile(Snapshot snapshot) {
        Effective effective = new Effective(snapshot);
        Map<String, Node> nodes = new TreeMap<>();
        for (ConfigObject object : snapshot.all(snapshot.schema().require("ltm node"))) {
            Body body = effective.body(object);
            nodes.put(object.fullPath(), new Node(object.fullPath(), text(body, "address"),
                    number(body, "connection-limit"), text(body, "monitor"), (int) number(body, "ratio"),
                    !text(body, "session").equals("user-disabled"), text(body, "state").equals("user-down")));
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
                        text(member, "monitor"), (int) number(member, "ratio"), (int) number(member, "priority-group"),
                        !text(member, "session").equals("user-disabled"), text(member, "state").equals("user-down")));
            }
            pools.put(object.fullPath(), new Pool(object.fullPath(), text(body, "load-balancing-mode"), members,
                    text(body, "monitor"), (int) number(body, "min-active-members"),
                    (int) number(body, "slow-ramp-time"), text(body, "service-down-action"),
                    (int) number(body, "reselect-tries")));
        }
        Map<String, Virtual> virtuals = new TreeMap<>();
        for (ConfigObject object : snapshot.all(snapshot.schema().require("ltm virtual"))) {
            Body body = effective.body(object);
            String destination = text(body, "destination");
            String pool = text(body, "pool");
            virtuals.put(object.fullPath(), new Virtual(object.fullPath(),
                    ValueType.Destination.address(destination), ValueType.Destination.port(destination),
                    text(body, "mask"), !text(body, "enabled").equals("disabled"),
                    pool.equals("none") ? Optional.empty() : Optional.of(pool),
                    items(body, "profiles").stream().map(Item::name).toList(),
                    items(body, "persist").stream().map(Item::name).toList(), number(body, "connection-limit")));
        }
        return new LtmView(snapshot.generation(), nodes, pools, virtuals);
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
