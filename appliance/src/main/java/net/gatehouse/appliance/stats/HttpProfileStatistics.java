package net.gatehouse.appliance.stats;

import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.dataplane.Reports;
import net.gatehouse.appliance.dataplane.stats.HttpProfileStats;

/**
 * The statistics of an http profile, declared once: {@code show ltm profile http} prints the
 * {@link #SECTIONS}, iControl REST {@code /mgmt/tm/ltm/profile/http/NAME/stats} answers {@link #rest()}
 * under BIG-IP's keys (those of BIG-IP 14.1's {@code tm:ltm:profile:http:httpstats}).
 *
 * <p>The pass-through and explicit-proxy counters are answered in REST as the zero they really are
 * here: this appliance never hands an HTTP connection over to pass-through mode except after
 * {@code 101 Switching Protocols} (counted as {@code passthroughWebSockets}), and has no explicit
 * proxy. Cookie persistence inserts ({@code cookiePersistInserts}) and response sizes
 * ({@code respBucket_*}) are not counted, so neither REST nor {@code show} has them.
 */
public final class HttpProfileStatistics {

    private HttpProfileStatistics() {
    }

    /** {@code show}'s first line (BIG-IP's REST has no key for it). */
    public static final String VIRTUAL_SERVER_COUNT = "Virtual Server Count";

    public static final List<Section<HttpProfileStats>> SECTIONS = List.of(
            new Section<>("Requests", List.of(
                    Statistic.counter("Total", "numberReqs", HttpProfileStats::requests),
                    Statistic.counter("GET", "getReqs", HttpProfileStats::getRequests),
                    Statistic.counter("POST", "postReqs", HttpProfileStats::postRequests),
                    Statistic.counter("Version 0.9", "v9Reqs", HttpProfileStats::v9Requests),
                    Statistic.counter("Version 1.0", "v10Reqs", HttpProfileStats::v10Requests),
                    Statistic.counter("Version 1.1", "v11Reqs", HttpProfileStats::v11Requests),
                    Statistic.counter("Max Keep-Alive Requests", "maxKeepaliveReq",
                            HttpProfileStats::maxKeepaliveRequests))),
            new Section<>("Responses", List.of(
                    Statistic.counter("Version 0.9", "v9Resp", HttpProfileStats::v9Responses),
                    Statistic.counter("Version 1.0", "v10Resp", HttpProfileStats::v10Responses),
                    Statistic.counter("Version 1.1", "v11Resp", HttpProfileStats::v11Responses),
                    Statistic.counter("2xx", "resp_2xxCnt", HttpProfileStats::responses2xx),
                    Statistic.counter("3xx", "resp_3xxCnt", HttpProfileStats::responses3xx),
                    Statistic.counter("4xx", "resp_4xxCnt", HttpProfileStats::responses4xx),
                    Statistic.counter("5xx", "resp_5xxCnt", HttpProfileStats::responses5xx))),
            new Section<>("Pass-through", List.of(
                    Statistic.counter("WebSockets", "passthroughWebSockets", HttpProfileStats::webSockets))));

    /** REST keys that are zero here because the feature they count never happens (see the class comment). */
    static final List<Statistic<Reports.HttpProfile>> NEVER_HAPPENS = List.of(
            Statistic.unmeasured("Pass-through CONNECT", "passthroughConnect", 0L),
            Statistic.unmeasured("Pass-through Excess Client Headers", "passthroughExcessClientHeaders", 0L),
            Statistic.unmeasured("Pass-through Excess Server Headers", "passthroughExcessServerHeaders", 0L),
            Statistic.unmeasured("Pass-through Headers", "passthroughHeaders", 0L),
            Statistic.unmeasured("Pass-through iRule", "passthroughIrule", 0L),
            Statistic.unmeasured("Pass-through Oversize Client Headers", "passthroughOversizeClientHeaders", 0L),
            Statistic.unmeasured("Pass-through Oversize Server Headers", "passthroughOversizeServerHeaders", 0L),
            Statistic.unmeasured("Pass-through Pipeline", "passthroughPipeline", 0L),
            Statistic.unmeasured("Pass-through Unknown Method", "passthroughUnknownMethod", 0L),
            Statistic.unmeasured("Proxy Connect Requests", "proxyConnReqs", 0L),
            Statistic.unmeasured("Proxy Requests", "proxyReqs", 0L));

    /**
     * Every statistic of an http profile's REST stats: the counted ones, the ones that never happen
     * here, and BIG-IP's {@code typeId} and {@code vsName} ({@code N/A}: summed over every virtual).
     */
    public static List<Statistic<Reports.HttpProfile>> rest() {
        List<Statistic<Reports.HttpProfile>> all = new ArrayList<>();
        for (Section<HttpProfileStats> section : SECTIONS) {
            section.rows().forEach(row -> all.add(row.of("", Reports.HttpProfile::stats)));
        }
        all.addAll(NEVER_HAPPENS);
        all.add(Statistic.text("Type", "typeId", p -> "ltm profile http"));
        all.add(Statistic.text("Virtual Server", "vsName", p -> "N/A"));
        return all;
    }
}
