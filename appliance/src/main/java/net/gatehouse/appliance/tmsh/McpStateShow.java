package net.gatehouse.appliance.tmsh;

/**
 * {@code show sys mcp-state}: whether the configuration daemon runs and how the last configuration
 * load ended, which F5's clients ({@code bigip_ucs}, {@code bigip_wait}) poll after a load. Here the
 * command service is the configuration daemon: when tmsh answers, it runs, and every load is all or
 * nothing, so the running configuration is always the result of a full load that succeeded.
 */
final class McpStateShow {

    private static final String RULE = "-".repeat(56);

    private McpStateShow() {
    }

    static boolean handles(String kind, int words) {
        return kind.equals("sys mcp-state") && words == 2;
    }

    static String show() {
        return RULE + "\n"
                + "Sys::mcpd State:\n"
                + RULE + "\n"
                + String.format("%-41s%s%n", "Running Phase", "running")
                + String.format("%-41s%s%n", "Last Configuration Load Status", "full-config-load-succeed")
                + String.format("%-41s%s%n", "End Platform ID received:", "true");
    }
}
