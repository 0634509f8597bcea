package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.numberOrWord;
import static net.gatehouse.appliance.schema.Props.text;

import java.util.List;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;
import net.gatehouse.appliance.schema.Props;

/**
 * {@code net timer-policy}: per-protocol idle timeouts a virtual server could use instead of its
 * profiles'. Each rule matches an IP protocol (and, for tcp, udp and sctp, destination ports) and
 * sets the {@code flow-idle-timeout} timer. Stored, validated, shown and saved; inert (no virtual
 * server refers to a timer policy in Gatehouse, so the data plane never applies one).
 */
public final class NetTimerPolicy {

    static final Family TIMER_POLICY = new Family("timer-policy");

    private NetTimerPolicy() {
    }

    public static List<ComponentType> all() {
        return List.of(timerPolicy());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    public static ComponentType timerPolicy() {
        return ComponentType.builder("net timer-policy", TIMER_POLICY, "Timer Policy")
                .with(inert(text("app-service", "none")),
                        text("description", "none"),
                        inert(collection("rules", new ItemNaming.Plain(), true, false,
                                text("description", "none"),
                                // Only tcp, udp and sctp rules take destination ports; REST writes {"name": "80"}.
                                collection("destination-ports", new ItemNaming.Plain(), false, false)
                                        .with(Trait.REST_ITEM_OBJECTS),
                                numberOrWord("ip-protocol", "all-other", 255, "all-other", "tcp", "udp", "sctp",
                                        "icmp", "icmpv6", "igmp", "gre", "esp", "ah", "ospf", "pim"),
                                collection("timers", new ItemNaming.Plain(), true, false,
                                        numberOrWord("value", "unspecified", Props.U32, "unspecified", "immediate",
                                                "indefinite")))))
                .build();
    }
}
