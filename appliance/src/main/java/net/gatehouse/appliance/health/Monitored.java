package net.gatehouse.appliance.health;

import java.util.List;

/**
 * A pool member or node and the monitors its rule runs on it, in the rule's order.
 *
 * @param poolPath empty for a node
 */
record Monitored(String poolPath, String path, String nodePath, MonitorRule rule, List<MonitorInstance> instances,
        boolean enabled, boolean forcedDown, String serviceDownAction) {

    Monitored {
        instances = List.copyOf(instances);
    }
}
