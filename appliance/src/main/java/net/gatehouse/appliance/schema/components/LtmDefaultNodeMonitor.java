package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.monitorRule;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;

/**
 * {@code ltm default-node-monitor}: the monitor rule of every node whose {@code monitor} is
 * {@code default}. BIG-IP has exactly one, unnamed (a singleton, like
 * {@code sys global-settings}), held here as {@code default-node-monitor}.
 */
public final class LtmDefaultNodeMonitor {

    /** The name of the one object. */
    public static final String NAME = "default-node-monitor";

    private LtmDefaultNodeMonitor() {
    }

    public static List<ComponentType> all() {
        return List.of(defaultNodeMonitor());
    }

    public static ComponentType defaultNodeMonitor() {
        return ComponentType.builder("ltm default-node-monitor", new Family("default-node-monitor"),
                        "Default Node Monitor")
                .with(monitorRule("rule", "none", "none"))
                .singleton(Body.EMPTY)
                .build();
    }
}
