package net.gatehouse.appliance.command;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.ValueType;

/**
 * A virtual server as BIG-IP shapes it: fastL4 when no profile is given, the tcp profile added to an
 * http profile given without a transport profile, {@code ip-protocol} from
 * its transport profile, a virtual address for its destination, an index and timestamps; exactly
 * one transport profile, http only over tcp, never with fastL4.
 */
final class VirtualRule implements ComponentRule {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd:HH:mm:ss");
    private static final String TCP = "ltm profile tcp";
    private static final String UDP = "ltm profile udp";
    private static final String FASTL4 = "ltm profile fastl4";
    private static final String HTTP = "ltm profile http";

    private final Clock clock;

    VirtualRule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Body derive(ConfigObject virtual, Snapshot candidate) {
        Body body = virtual.body();
        if (body.get("profiles").isEmpty()) {
            body = body.with("profiles", Value.Items.of(Item.named("/Common/fastL4")));
        }
        List<String> kinds = profileKinds(body, candidate);
        boolean udp = body.text("ip-protocol").filter("udp"::equals).isPresent();
        if (kinds.contains(HTTP) && kinds.stream().noneMatch(VirtualRule::isTransport) && !udp) {
            body = body.with("profiles", withProfile((Value.Items) body.get("profiles").orElseThrow(), "/Common/tcp"));
            kinds = profileKinds(body, candidate);
        }
        if (body.get("ip-protocol").isEmpty()) {
            if (kinds.contains(UDP)) {
                body = body.with("ip-protocol", Value.text("udp"));
            } else if (kinds.contains(TCP) || kinds.contains(FASTL4)) {
                body = body.with("ip-protocol", Value.text("tcp"));
            }
        }
        Optional<String> destination = body.text("destination");
        if (body.get("mask").isEmpty() && destination.isPresent()
                && Addresses.isIpv6(ValueType.Destination.address(destination.get()))) {
            body = body.with("mask", Value.text("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        }
        String now = LocalDateTime.now(clock).format(TIMESTAMP);
        if (body.get("creation-time").isEmpty()) {
            body = body.with("creation-time", Value.text(now));
        }
        if (body.get("vs-index").isEmpty()) {
            long next = candidate.all(virtual.type()).stream()
                    .map(v -> v.body().text("vs-index").map(Long::parseLong).orElse(0L))
                    .max(Long::compare).orElse(1L) + 1;
            body = body.with("vs-index", Value.text(Long.toString(next)));
        }
        return body.with("last-modified-time", Value.text(now));
    }

    @Override
    public List<ConfigObject> implied(ConfigObject virtual, Snapshot candidate) {
        Optional<String> destination = virtual.body().text("destination");
        if (destination.isEmpty()) {
            return List.of();
        }
        String address = ValueType.Destination.address(destination.get());
        String path = Paths.join(Paths.folder(destination.get()), address);
        if (candidate.find(Family.VIRTUAL_ADDRESS, path).isPresent()) {
            return List.of();
        }
        Body body = Body.texts("address", address);
        if (Addresses.isIpv6(address)) {
            body = body.with("mask", Value.text("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        }
        return List.of(new ConfigObject(candidate.schema().require("ltm virtual-address"), path, body, 0));
    }

    @Override
    public void validate(ConfigObject virtual, Snapshot candidate) throws ConfigError {
        String path = virtual.fullPath();
        PolicyRule.refuseDrafts(virtual, candidate);
        List<String> kinds = profileKinds(virtual.body(), candidate);
        long transports = kinds.stream().filter(VirtualRule::isTransport).count();
        boolean tcpPair = kinds.stream().filter(TCP::equals).count() == 2 && transports == 2 && sidedTcp(virtual);
        if (transports == 0) {
            throw ConfigError.general("Less than the required minimum number of profiles found on " + path
                    + ": Exactly 1 of (UDP Profile (clientside), TCP Profile (clientside), FastL4 Profile)");
        }
        if (transports > 1 && !tcpPair) {
            throw ConfigError.general("Found more than one transport profile on " + path
                    + ": Exactly 1 of (UDP Profile (clientside), TCP Profile (clientside), FastL4 Profile)");
        }
        if (kinds.contains(HTTP) && kinds.contains(FASTL4)) {
            throw ConfigError.general("Found disallowed profile on " + path + ": Not Any Of (FastL4 Profile, HTTP Profile)");
        }
        if (kinds.contains(HTTP) && !kinds.contains(TCP)) {
            throw ConfigError.general("Profile requirements not met on " + path
                    + ": an HTTP Profile requires a TCP Profile");
        }
        Optional<String> destination = virtual.body().text("destination");
        Optional<String> mask = virtual.body().text("mask");
        if (destination.isPresent() && mask.isPresent() && !mask.get().startsWith("any")
                && Addresses.isIpv6(ValueType.Destination.address(destination.get())) != Addresses.isIpv6(mask.get())) {
            throw new ConfigError("0107028f", "The destination (" + ValueType.Destination.address(destination.get())
                    + ") address and mask (" + mask.get() + ") for virtual server (" + path
                    + ") must be be the same type (IPv4 or IPv6).");
        }
        if (persistKinds(virtual, candidate).contains("ltm persistence cookie") && !kinds.contains(HTTP)) {
            throw new ConfigError("01070309", "Cookie persistence requires an HTTP or FastHTTP profile to be "
                    + "associated with the virtual server (" + path + ").");
        }
    }

    private static boolean sidedTcp(ConfigObject virtual) {
        List<String> contexts = new ArrayList<>();
        for (Item item : items(virtual.body(), "profiles")) {
            contexts.add(item.body().text("context").orElse("all"));
        }
        return contexts.contains("clientside") && contexts.contains("serverside");
    }

    private static boolean isTransport(String kind) {
        return kind.equals(TCP) || kind.equals(UDP) || kind.equals(FASTL4);
    }

    private static Value.Items withProfile(Value.Items profiles, String profile) {
        List<Item> items = new ArrayList<>(profiles.items());
        items.add(Item.named(profile));
        return new Value.Items(items);
    }

    private static List<String> profileKinds(Body body, Snapshot candidate) {
        List<String> kinds = new ArrayList<>();
        for (Item item : items(body, "profiles")) {
            candidate.find(Family.PROFILE, item.name()).ifPresent(p -> kinds.add(p.type().path()));
        }
        return kinds;
    }

    private static List<String> persistKinds(ConfigObject virtual, Snapshot candidate) {
        List<String> kinds = new ArrayList<>();
        for (Item item : items(virtual.body(), "persist")) {
            candidate.find(Family.PERSISTENCE, item.name()).ifPresent(p -> kinds.add(p.type().path()));
        }
        return kinds;
    }

    private static List<Item> items(Body body, String property) {
        return body.get(property).map(v -> ((Value.Items) v).items()).orElse(List.of());
    }
}
