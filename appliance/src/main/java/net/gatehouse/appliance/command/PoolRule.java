package net.gatehouse.appliance.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.Addresses;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Paths;

/**
 * Pool members name a node: {@code 10.0.0.1:80} creates node {@code 10.0.0.1} when it does not
 * exist, as BIG-IP does, and so does {@code web1:80 { address 10.0.0.1 }} (node {@code web1} at that
 * address); {@code web1:80} alone needs node {@code web1}. Each member shows its node's address.
 */
final class PoolRule implements ComponentRule {

    @Override
    public Body derive(ConfigObject pool, Snapshot candidate) {
        Optional<Value> members = pool.body().get("members");
        if (members.isEmpty()) {
            return pool.body();
        }
        List<Item> withAddresses = new ArrayList<>();
        for (Item member : ((Value.Items) members.get()).items()) {
            String node = Addresses.memberNode(member.name());
            String address = Addresses.canonical(Paths.name(node))
                    .or(() -> candidate.find(Family.NODE, node).flatMap(n -> n.body().text("address")))
                    .orElse(null);
            withAddresses.add(address == null ? member
                    : new Item(member.name(), member.body().with("address", new Value.Text(address))));
        }
        return pool.body().with("members", new Value.Items(withAddresses));
    }

    @Override
    public List<ConfigObject> implied(ConfigObject pool, Snapshot candidate) {
        List<ConfigObject> nodes = new ArrayList<>();
        ComponentType nodeType = candidate.schema().require("ltm node");
        for (Item member : pool.body().get("members").map(v -> ((Value.Items) v).items()).orElse(List.of())) {
            String node = Addresses.memberNode(member.name());
            Optional<String> address = Addresses.canonical(Paths.name(node)).or(() -> member.body().text("address"));
            if (address.isPresent() && candidate.find(Family.NODE, node).isEmpty()
                    && nodes.stream().noneMatch(n -> n.fullPath().equals(node))) {
                nodes.add(new ConfigObject(nodeType, node, Body.texts("address", address.get()), 0));
            }
        }
        return nodes;
    }

    @Override
    public void validate(ConfigObject pool, Snapshot candidate) throws ConfigError {
        for (Item member : pool.body().get("members").map(v -> ((Value.Items) v).items()).orElse(List.of())) {
            String node = Addresses.memberNode(member.name());
            if (candidate.find(Family.NODE, node).isEmpty()) {
                throw ErrorCatalog.notFound("Node", node);
            }
        }
    }
}
