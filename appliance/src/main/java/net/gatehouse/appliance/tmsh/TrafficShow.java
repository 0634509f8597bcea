package net.gatehouse.appliance.tmsh;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.dataplane.ConnectionInfo;
import net.gatehouse.appliance.dataplane.DataPlane;
import net.gatehouse.appliance.dataplane.Reports;
import net.gatehouse.appliance.dataplane.ResetCause;
import net.gatehouse.appliance.dataplane.stats.TrafficStats;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.stats.Statistic;
import net.gatehouse.appliance.stats.Statistics;

/**
 * tmsh {@code show ltm virtual|pool|node} and {@code show sys connection} in BIG-IP's layout
 * (a dashed title, a {@code Status} block, a {@code Traffic} table), and the filters of
 * {@code show/delete sys connection}. Counters are scaled like tmsh (37.3K) unless {@code raw}.
 */
final class TrafficShow {

    private static final int RULE_WIDTH = 66;
    private static final int RST_RULE_WIDTH = 32;
    private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E"};
    private static final Map<String, Function<ConnectionInfo, Optional<InetSocketAddress>>> SIDES = Map.of(
            "cs-client", c -> Optional.of(c.client()),
            "cs-server", c -> Optional.of(c.virtualAddress()),
            "ss-client", ConnectionInfo::serverSideLocal,
            "ss-server", c -> Optional.of(c.server()));

    private final DataPlane dataPlane;
    private final String folder;
    private final boolean raw;

    TrafficShow(DataPlane dataPlane, String folder, boolean raw) {
        this.dataPlane = dataPlane;
        this.folder = folder;
        this.raw = raw;
    }

    String virtual(ConfigObject object) {
        Optional<Reports.Virtual> report = dataPlane.virtual(object.fullPath());
        if (report.isEmpty()) {
            return "";
        }
        Reports.Virtual virtual = report.get();
        StringBuilder out = title("Ltm::Virtual Server: " + name(virtual.fullPath()));
        status(out, "  ", virtual.status(), 16);
        for (Statistic<Reports.Virtual> field : Statistics.VIRTUAL_FIELDS) {
            field(out, "  ", field.label(), String.valueOf(field.value(virtual)), 16);
        }
        out.append('\n');
        out.append(String.format("%-36s%10s%11s%9s%n", "Traffic", Statistics.Side.CLIENTSIDE.label(),
                Statistics.Side.EPHEMERAL.label(), "General"));
        for (Statistic<TrafficStats> row : Statistics.TRAFFIC) {
            out.append(String.format("  %-34s%10s%11s%9s%n", row.label(), number(row.value(virtual.clientSide())),
                    number(row.value(TrafficStats.NONE)), "-"));
        }
        for (Statistic<Reports.Virtual> row : Statistics.VIRTUAL_GENERAL) {
            out.append(String.format("  %-34s%10s%11s%9s%n", row.label(), "-", "-", number(row.value(virtual))));
        }
        return out.append('\n').toString();
    }

    String pool(ConfigObject object, boolean members) {
        Optional<Reports.Pool> report = dataPlane.pool(object.fullPath());
        if (report.isEmpty()) {
            return "";
        }
        Reports.Pool pool = report.get();
        StringBuilder out = title("Ltm::Pool: " + name(pool.fullPath()));
        status(out, "  ", pool.status(), 12);
        for (Statistic<Reports.Pool> field : Statistics.POOL_FIELDS) {
            field(out, "  ", field.label(), String.valueOf(field.value(pool)), 22);
        }
        out.append('\n');
        traffic(out, "", pool.serverSide());
        if (members) {
            for (Reports.Member member : pool.members()) {
                String prefix = "  | ";
                out.append(prefix).append("-".repeat(RULE_WIDTH - 4)).append('\n');
                out.append(prefix).append("Ltm::Pool Member: ").append(name(member.memberPath())).append('\n');
                out.append(prefix).append("-".repeat(RULE_WIDTH - 4)).append('\n');
                status(out, prefix + "  ", member.status(), 12);
                out.append("  |\n");
                traffic(out, prefix, member.serverSide());
            }
        }
        return out.append('\n').toString();
    }

    String node(ConfigObject object) {
        Optional<Reports.Node> report = dataPlane.node(object.fullPath());
        if (report.isEmpty()) {
            return "";
        }
        Reports.Node node = report.get();
        StringBuilder out = title("Ltm::Node: " + name(node.fullPath()) + " (" + node.address() + ")");
        status(out, "  ", node.status(), 12);
        out.append('\n');
        traffic(out, "", node.serverSide());
        return out.append('\n').toString();
    }

    /** {@code show sys connection}: one line per connection, then the count. */
    String connections(List<ConnectionInfo> connections) {
        StringBuilder out = new StringBuilder("Sys::Connections\n");
        for (ConnectionInfo c : connections) {
            out.append(address(c.client())).append("  ").append(address(c.virtualAddress())).append("  ")
                    .append(c.serverSideLocal().map(TrafficShow::address).orElse("any6.any")).append("  ")
                    .append(address(c.server())).append("  tcp  ").append(c.ageSeconds()).append("  ")
                    .append(name(c.virtual())).append("  ").append(name(c.member())).append('\n');
        }
        out.append("Total records returned: ").append(connections.size()).append('\n');
        return out.toString();
    }

    /** {@code show net rst-cause}: the causes that reset connections so far, with their counts. */
    String resetCauses(Map<ResetCause, Long> counts) {
        List<String[]> rows = new ArrayList<>();
        int width = "RST Cause:".length();
        for (Map.Entry<ResetCause, Long> entry : counts.entrySet()) {
            if (entry.getValue() > 0) {
                rows.add(new String[] {entry.getKey().words(), number(entry.getValue())});
                width = Math.max(width, entry.getKey().words().length());
            }
        }
        rows.sort((x, y) -> x[0].compareTo(y[0]));
        int ruleWidth = Math.max(RST_RULE_WIDTH, width + 6);
        String format = "%-" + width + "s%" + (ruleWidth - width) + "s%n";
        String rule = "-".repeat(ruleWidth) + "\n";
        StringBuilder out = new StringBuilder(rule).append("TCP/IP Reset Cause\n")
                .append(String.format(format, "RST Cause:", "Count")).append(rule);
        for (String[] row : rows) {
            out.append(String.format(format, row[0], row[1]));
        }
        return out.toString();
    }

    private void traffic(StringBuilder out, String prefix, TrafficStats s) {
        out.append(prefix).append(String.format("%-26s%10s%n", "Traffic", Statistics.Side.SERVERSIDE.label()));
        for (Statistic<TrafficStats> row : Statistics.TRAFFIC) {
            out.append(prefix).append(String.format("  %-24s%10s%n", row.label(), number(row.value(s))));
        }
    }

    static StringBuilder title(String title) {
        String rule = "-".repeat(Math.max(RULE_WIDTH, title.length()));
        return new StringBuilder(rule).append('\n').append(title).append('\n').append(rule).append('\n');
    }

    private static void status(StringBuilder out, String indent, Reports.Status status, int width) {
        out.append(indent.substring(0, indent.length() - 2)).append("Status\n");
        for (Statistic<Reports.Status> field : Statistics.STATUS) {
            field(out, indent, field.label(), String.valueOf(field.value(status)), width);
        }
    }

    private static void field(StringBuilder out, String indent, String label, String value, int width) {
        out.append(indent).append(String.format("%-" + width + "s : %s%n", label, value));
    }

    /** The name relative to the current folder, as tmsh prints it. */
    String name(String fullPath) {
        String parent = Paths.folder(fullPath);
        return parent.equals(folder) ? Paths.name(fullPath) : fullPath;
    }

    /** tmsh's scaled numbers: 999, 1.0K, 37.3K, 52.0M; exact with {@code raw}. */
    String number(Object counter) {
        long value = (Long) counter;
        if (raw || value < 1000) {
            return String.valueOf(value);
        }
        double scaled = value;
        int unit = 0;
        while (scaled >= 1000 && unit < UNITS.length - 1) {
            scaled /= 1000;
            unit++;
        }
        return String.format("%.1f%s", scaled, UNITS[unit]);
    }

    private static String address(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host + (host.contains(":") ? "." : ":") + address.getPort();
    }

    /**
     * The {@code cs-client-addr}, {@code cs-client-port}, {@code cs-server-addr},
     * {@code cs-server-port}, {@code ss-client-addr}, {@code ss-client-port}, {@code ss-server-addr}
     * and {@code ss-server-port} filters of {@code show/delete sys connection}.
     */
    static Predicate<ConnectionInfo> filter(List<String> words) throws TmshError {
        if (words.size() % 2 != 0) {
            throw new TmshError("Syntax Error: \"" + words.get(words.size() - 1) + "\" requires a value");
        }
        List<Predicate<ConnectionInfo>> all = new ArrayList<>();
        for (int i = 0; i < words.size(); i += 2) {
            String key = words.get(i);
            String value = words.get(i + 1);
            int dash = key.lastIndexOf('-');
            Function<ConnectionInfo, Optional<InetSocketAddress>> side = dash < 0 ? null
                    : SIDES.get(key.substring(0, dash));
            String part = dash < 0 ? "" : key.substring(dash + 1);
            if (side == null || !(part.equals("addr") || part.equals("port"))) {
                throw new TmshError("Syntax Error: \"" + key + "\" unexpected argument");
            }
            if (part.equals("addr")) {
                all.add(c -> side.apply(c).map(a -> a.getAddress().getHostAddress().equals(value)).orElse(false));
            } else {
                int port = port(key, value);
                all.add(c -> side.apply(c).map(a -> a.getPort() == port).orElse(false));
            }
        }
        return c -> all.stream().allMatch(p -> p.test(c));
    }

    private static int port(String key, String value) throws TmshError {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new TmshError("Syntax Error: " + key + " must be a port number from 0 to 65535, not \"" + value + "\"");
    }
}
