package net.gatehouse.appliance.schema;

import java.util.List;

/**
 * Component families BIG-IP has and Gatehouse does not model. Asking for them answers an empty
 * collection, as a box with nothing configured does, never an error: tools that list every profile
 * kind ({@code list ltm profile sip}, {@code GET /mgmt/tm/ltm/profile/diameter}) keep working.
 */
public final class UnmodelledComponents {

    /** tmsh paths; a path also covers everything under it ({@code ltm message-routing}). */
    public static final List<String> PATHS = List.of(
            "ltm profile sip", "ltm profile diameter", "ltm profile dhcpv4", "ltm profile dhcpv6",
            "ltm profile radius", "ltm profile dns", "ltm profile ftp", "ltm profile tftp", "ltm profile http2",
            "ltm profile http3", "ltm profile quic", "ltm profile html", "ltm profile rewrite", "ltm profile stream",
            "ltm profile statistics", "ltm profile xml", "ltm profile sctp", "ltm profile ipother",
            "ltm profile pptp", "ltm profile rtsp", "ltm profile smtps", "ltm profile socks",
            "ltm profile client-ldap", "ltm profile server-ldap", "ltm profile icap", "ltm profile ntlm",
            "ltm profile analytics", "ltm profile classification", "ltm profile certificate-authority",
            "ltm profile ocsp-stapling-params", "ltm profile mqtt", "ltm profile splitsessionclient",
            "ltm profile splitsessionserver", "ltm profile ilx", "ltm profile fix", "ltm profile gtp",
            "ltm message-routing", "ltm persistence sip", "ltm persistence msrdp", "ltm persistence host",
            "ltm monitor sip", "ltm monitor diameter", "ltm monitor radius", "ltm monitor ldap",
            "ltm monitor dns", "ltm monitor smtp", "ltm monitor snmp-dca", "ltm monitor mysql",
            "ltm dns", "ltm lsn-pool", "ltm nat", "ltm snat", "ltm ifile",
            "ltm policy-strategy", "ltm traffic-class", "ltm classification", "ltm cipher",
            "net interface", "net trunk", "net tunnels", "net dns-resolver", "net ipsec", "net packet-filter",
            "sys application", "sys icall", "sys log-config", "sys provision", "sys management-ip",
            "sys sshd", "sys httpd");

    private UnmodelledComponents() {
    }

    /** Whether the tmsh words name (or fall under) an unmodelled component. */
    public static boolean covers(String words) {
        return PATHS.stream().anyMatch(path -> (words + " ").startsWith(path + " "));
    }
}
