package net.gatehouse.appliance.stats;

import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.dataplane.OneConnectStats;

/**
 * The statistics of a one-connect profile, declared once: {@code show ltm profile one-connect}
 * prints the {@link #CONNECTIONS} group under BIG-IP's labels ({@code Current Idle}, {@code Maximum},
 * {@code Total Reuses}, {@code New}), iControl REST {@code /mgmt/tm/ltm/profile/one-connect/NAME/stats}
 * answers {@link #rest()}.
 *
 * <p>The REST keys ({@code curSize}, {@code maxSize}, {@code reuses}, {@code connects}) are derived
 * from the names of BIG-IP's connection pool statistics in its SNMP MIB ({@code sysConnPoolStatCurSize}
 * ...), as REST names the http profile's ({@code ltmHttpProfileStatNumberReqs} is {@code numberReqs}):
 * no published REST capture of them was found (see the REST golden's README). The counters are
 * summed over every virtual and event loop using the profile, so the virtual server is {@code N/A},
 * as on BIG-IP.
 */
public final class OneConnectProfileStatistics {

    private OneConnectProfileStatistics() {
    }

    /** {@code show}'s first row, and REST's {@code vsName}: the counters are not one virtual's. */
    public static final Statistic<OneConnectStats> VIRTUAL_SERVER_NAME =
            Statistic.text("Virtual Server Name", "vsName", stats -> "N/A");

    public static final Section<OneConnectStats> CONNECTIONS = new Section<>("Connections", List.of(
            Statistic.counter("Current Idle", "curSize", OneConnectStats::currentIdle),
            Statistic.counter("Maximum", "maxSize", OneConnectStats::maximumIdle),
            Statistic.counter("Total Reuses", "reuses", OneConnectStats::reuses),
            Statistic.counter("New", "connects", OneConnectStats::opened)));

    /** Every statistic of a one-connect profile's REST stats, with BIG-IP's {@code typeId} and {@code vsName}. */
    public static List<Statistic<OneConnectStats>> rest() {
        List<Statistic<OneConnectStats>> all = new ArrayList<>(CONNECTIONS.rows());
        all.add(Statistic.text("Type", "typeId", stats -> "ltm profile one-connect"));
        all.add(VIRTUAL_SERVER_NAME);
        return all;
    }
}
