package net.gatehouse.appliance.stats;

import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.dataplane.Reports;
import net.gatehouse.appliance.dataplane.stats.TrafficStats;

/**
 * Every statistic of {@code show ltm virtual|pool|node} and of iControl REST {@code .../stats},
 * declared once with its tmsh label and its REST key (BIG-IP 15.1's names, the ones F5's
 * {@code bigip_device_info} reads). {@code TrafficShow} prints from these lists, {@code StatsJson}
 * writes them; neither names a statistic of its own.
 *
 * <p>Requests ({@code totRequests}) are counted on the L7 path for virtuals, pools, members and
 * nodes. The {@code unmeasured} ones (connection queues, SYN cookies, connection durations, usage
 * ratios) are features this appliance does not have: REST answers them as a box where they never
 * happened would (0, or {@code not-activated}), and {@code show} leaves them out.
 */
public final class Statistics {

    private Statistics() {
    }

    /** The columns of a {@code Traffic} table and the REST key prefix of each. */
    public enum Side {
        CLIENTSIDE("ClientSide", "clientside."),
        EPHEMERAL("Ephemeral", "ephemeral."),
        SERVERSIDE("ServerSide", "serverside.");

        private final String label;
        private final String restPrefix;

        Side(String label, String restPrefix) {
            this.label = label;
            this.restPrefix = restPrefix;
        }

        public String label() {
            return label;
        }

        public String restPrefix() {
            return restPrefix;
        }
    }

    /** The rows of a {@code Traffic} table; REST keys are prefixed with the side ({@code serverside.curConns}). */
    public static final List<Statistic<TrafficStats>> TRAFFIC = List.of(
            Statistic.counter("Bits In", "bitsIn", TrafficStats::bitsIn),
            Statistic.counter("Bits Out", "bitsOut", TrafficStats::bitsOut),
            Statistic.counter("Packets In", "pktsIn", TrafficStats::packetsIn),
            Statistic.counter("Packets Out", "pktsOut", TrafficStats::packetsOut),
            Statistic.counter("Current Connections", "curConns", TrafficStats::currentConnections),
            Statistic.counter("Maximum Connections", "maxConns", TrafficStats::maximumConnections),
            Statistic.counter("Total Connections", "totConns", TrafficStats::totalConnections));

    /** Traffic rows REST has on a virtual's client side and ephemeral side but {@code show} does not print. */
    public static final List<Statistic<TrafficStats>> TRAFFIC_UNMEASURED = List.of(
            Statistic.unmeasured("Evicted Connections", "evictedConns", 0L),
            Statistic.unmeasured("Slow Connections Killed", "slowKilled", 0L));

    /** The {@code Status} block. */
    public static final List<Statistic<Reports.Status>> STATUS = List.of(
            Statistic.text("Availability", "status.availabilityState", Reports.Status::availability),
            Statistic.text("State", "status.enabledState", Reports.Status::state),
            Statistic.text("Reason", "status.statusReason", Reports.Status::reason));

    /** The fields under a virtual server's {@code Status} block. */
    public static final List<Statistic<Reports.Virtual>> VIRTUAL_FIELDS = List.of(
            Statistic.text("CMP", "cmpEnabled", v -> "enabled"),
            Statistic.text("CMP Mode", "cmpEnableMode", v -> "all-cpus"),
            Statistic.text("Destination", "destination", Reports.Virtual::destination));

    /** The fields under a pool's {@code Status} block. */
    public static final List<Statistic<Reports.Pool>> POOL_FIELDS = List.of(
            Statistic.counter("Minimum Active Members", "minActiveMembers", p -> (long) p.minActiveMembers()),
            Statistic.counter("Current Active Members", "activeMemberCnt", p -> (long) p.activeMembers()),
            Statistic.counter("Total Members", "memberCnt", p -> (long) p.totalMembers()));

    /**
     * The {@code General} column of a virtual's {@code Traffic} table that this appliance measures:
     * HTTP requests on the L7 path (0 on an L4 virtual, as on BIG-IP without an http profile).
     */
    public static final List<Statistic<Reports.Virtual>> VIRTUAL_GENERAL = List.of(
            Statistic.counter("Total Requests", "totRequests", v -> v.http().requests()));

    static final List<Statistic<Reports.Virtual>> VIRTUAL_UNMEASURED = List.of(
            Statistic.unmeasured("Connection Duration Max", "csMaxConnDur", 0L),
            Statistic.unmeasured("Connection Duration Mean", "csMeanConnDur", 0L),
            Statistic.unmeasured("Connection Duration Min", "csMinConnDur", 0L),
            Statistic.unmeasured("Last 5 Minutes Usage Ratio", "fiveMinAvgUsageRatio", 0L),
            Statistic.unmeasured("Last 5 Seconds Usage Ratio", "fiveSecAvgUsageRatio", 0L),
            Statistic.unmeasured("Last 1 Minute Usage Ratio", "oneMinAvgUsageRatio", 0L),
            Statistic.unmeasured("SYN Cookies Status", "syncookieStatus", "not-activated"),
            Statistic.unmeasured("SYN Cookies Accepted", "syncookie.accepts", 0L),
            Statistic.unmeasured("SYN Cookies Hardware Accepted", "syncookie.hwAccepts", 0L),
            Statistic.unmeasured("SYN Cookies Hardware Total", "syncookie.hwSyncookies", 0L),
            Statistic.unmeasured("SYN Cookies Hardware Instances", "syncookie.hwsyncookieInstance", 0L),
            Statistic.unmeasured("SYN Cookies Rejected", "syncookie.rejects", 0L),
            Statistic.unmeasured("SYN Cookies Software Instances", "syncookie.swsyncookieInstance", 0L),
            Statistic.unmeasured("SYN Cache Current", "syncookie.syncacheCurr", 0L),
            Statistic.unmeasured("SYN Cache Overflow", "syncookie.syncacheOver", 0L),
            Statistic.unmeasured("SYN Cookies Total", "syncookie.syncookies", 0L));

    static final List<Statistic<Reports.Pool>> POOL_UNMEASURED = queue(List.of(
            Statistic.unmeasured("Current Sessions", "curSessions", 0L)));

    static final List<Statistic<Reports.Member>> MEMBER_UNMEASURED = List.of(
            Statistic.unmeasured("Current Sessions", "curSessions", 0L),
            Statistic.unmeasured("Monitor Status", "monitorStatus", "unchecked"),
            Statistic.unmeasured("Session Status", "sessionStatus", "enabled"));

    static final List<Statistic<Reports.Node>> NODE_UNMEASURED = List.of(
            Statistic.unmeasured("Current Sessions", "curSessions", 0L),
            Statistic.unmeasured("Monitor Rule", "monitorRule", "none"),
            Statistic.unmeasured("Monitor Status", "monitorStatus", "unchecked"),
            Statistic.unmeasured("Session Status", "sessionStatus", "enabled"));

    /** Every statistic of a virtual server's REST stats. */
    public static List<Statistic<Reports.Virtual>> virtual() {
        List<Statistic<Reports.Virtual>> all = new ArrayList<>();
        STATUS.forEach(s -> all.add(s.of("", Reports.Virtual::status)));
        all.addAll(VIRTUAL_FIELDS);
        for (Side side : List.of(Side.CLIENTSIDE, Side.EPHEMERAL)) {
            TRAFFIC.forEach(s -> all.add(s.of(side.restPrefix(),
                    v -> side == Side.CLIENTSIDE ? v.clientSide() : TrafficStats.NONE)));
            TRAFFIC_UNMEASURED.forEach(s -> all.add(s.of(side.restPrefix(), Reports.Virtual::clientSide)));
        }
        all.addAll(VIRTUAL_GENERAL);
        all.addAll(VIRTUAL_UNMEASURED);
        return all;
    }

    /** Every statistic of a pool's REST stats. */
    public static List<Statistic<Reports.Pool>> pool() {
        List<Statistic<Reports.Pool>> all = new ArrayList<>();
        STATUS.forEach(s -> all.add(s.of("", Reports.Pool::status)));
        all.addAll(POOL_FIELDS);
        all.add(Statistic.counter("Available Members", "availableMemberCnt", p -> p.members().stream()
                .filter(m -> m.status().availability().equals("available")).count()));
        TRAFFIC.forEach(s -> all.add(s.of(Side.SERVERSIDE.restPrefix(), Reports.Pool::serverSide)));
        all.add(Statistic.counter("Total Requests", "totRequests", p -> p.http().requests()));
        all.addAll(POOL_UNMEASURED);
        return all;
    }

    /** Every statistic of a pool member's REST stats. */
    public static List<Statistic<Reports.Member>> member() {
        List<Statistic<Reports.Member>> all = new ArrayList<>();
        STATUS.forEach(s -> all.add(s.of("", Reports.Member::status)));
        all.add(Statistic.text("Address", "addr", Reports.Member::address));
        all.add(Statistic.counter("Port", "port", m -> (long) m.port()));
        TRAFFIC.forEach(s -> all.add(s.of(Side.SERVERSIDE.restPrefix(), Reports.Member::serverSide)));
        all.add(Statistic.counter("Total Requests", "totRequests", m -> m.http().requests()));
        all.addAll(MEMBER_UNMEASURED);
        return all;
    }

    /** Every statistic of a node's REST stats. */
    public static List<Statistic<Reports.Node>> node() {
        List<Statistic<Reports.Node>> all = new ArrayList<>();
        STATUS.forEach(s -> all.add(s.of("", Reports.Node::status)));
        all.add(Statistic.text("Address", "addr", Reports.Node::address));
        TRAFFIC.forEach(s -> all.add(s.of(Side.SERVERSIDE.restPrefix(), Reports.Node::serverSide)));
        all.add(Statistic.counter("Total Requests", "totRequests", n -> n.http().requests()));
        all.addAll(NODE_UNMEASURED);
        return all;
    }

    /** The connection queue statistics ({@code connq.*}, {@code connqAll.*}), which this appliance does not have. */
    private static List<Statistic<Reports.Pool>> queue(List<Statistic<Reports.Pool>> before) {
        List<Statistic<Reports.Pool>> all = new ArrayList<>(before);
        for (String prefix : List.of("connq.", "connqAll.")) {
            String scope = prefix.equals("connq.") ? "Queue " : "Queue (All) ";
            all.add(Statistic.unmeasured(scope + "Depth", prefix + "depth", 0L));
            all.add(Statistic.unmeasured(scope + "Serviced", prefix + "serviced", 0L));
            all.add(Statistic.unmeasured(scope + "Age Head", prefix + "ageHead", 0L));
            all.add(Statistic.unmeasured(scope + "Age Max", prefix + "ageMax", 0L));
            all.add(Statistic.unmeasured(scope + "Age EMA", prefix + "ageEma", 0L));
            all.add(Statistic.unmeasured(scope + "Age EDM", prefix + "ageEdm", 0L));
        }
        return all;
    }
}
