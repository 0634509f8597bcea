package net.gatehouse.appliance.persist;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIG-IP's persistence cookie value, as F5 documents it (K6917, "Overview of BIG-IP persistence
 * cookie encoding"): the pool member's address and port, in one of four forms.
 * <ul>
 * <li>IPv4: {@code 1677787402.20480.0000}, the address's four bytes read little-endian as a
 * decimal number, the port's two bytes swapped as a decimal number, and a reserved {@code 0000};</li>
 * <li>IPv4 in a route domain: {@code rd5o00000000000000000000ffffc0000201o80}, the route domain,
 * the address as an IPv4-mapped IPv6 address in hex, and the port in plain decimal;</li>
 * <li>IPv6: {@code vi20010112000000000000000000000030.20480}, the sixteen bytes in hex and the
 * byte-swapped port;</li>
 * <li>IPv6 in a route domain: {@code rd3o20010112000000000000000000000030o80}.</li>
 * </ul>
 * Pure functions; the cookie's name is {@code BIGipServer<pool>} unless the profile names it.
 */
public final class BigipCookie {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,10})\\.(\\d{1,5})\\.0000");
    private static final Pattern IPV6 = Pattern.compile("vi([0-9a-fA-F]{32})\\.(\\d{1,5})");
    private static final Pattern ROUTE_DOMAIN = Pattern.compile("rd(\\d{1,5})o([0-9a-fA-F]{32})o(\\d{1,5})");
    private static final String MAPPED_PREFIX = "00000000000000000000ffff";

    private BigipCookie() {
    }

    /** A pool member named by a cookie: its address, port and route domain (0 the default). */
    public record Target(InetAddress address, int port, int routeDomain) {
    }

    /** The cookie value for a member in the default route domain. */
    public static String encode(InetAddress address, int port) {
        return encode(address, port, 0);
    }

    /** The cookie value for a member, in the form its address family and route domain call for. */
    public static String encode(InetAddress address, int port, int routeDomain) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
        }
        byte[] bytes = address.getAddress();
        HexFormat hex = HexFormat.of();
        if (routeDomain > 0) {
            String hexAddress = bytes.length == 4 ? MAPPED_PREFIX + hex.formatHex(bytes) : hex.formatHex(bytes);
            return "rd" + routeDomain + "o" + hexAddress + "o" + port;
        }
        if (bytes.length == 16) {
            return "vi" + hex.formatHex(bytes) + "." + swap(port);
        }
        long little = (bytes[0] & 0xffL) | (bytes[1] & 0xffL) << 8 | (bytes[2] & 0xffL) << 16
                | (bytes[3] & 0xffL) << 24;
        return little + "." + swap(port) + ".0000";
    }

    /** The member a cookie value names, or empty when the value is in none of BIG-IP's forms. */
    public static Optional<Target> decode(String value) {
        Matcher m = IPV4.matcher(value);
        if (m.matches()) {
            long little = Long.parseLong(m.group(1));
            int port = Integer.parseInt(m.group(2));
            if (little > 0xffffffffL || port > 65535) {
                return Optional.empty();
            }
            byte[] bytes = {(byte) little, (byte) (little >>> 8), (byte) (little >>> 16), (byte) (little >>> 24)};
            return Optional.of(new Target(address(bytes), swap(port), 0));
        }
        m = IPV6.matcher(value);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(2));
            return port > 65535 ? Optional.empty()
                    : Optional.of(new Target(address(HexFormat.of().parseHex(m.group(1))), swap(port), 0));
        }
        m = ROUTE_DOMAIN.matcher(value);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(3));
            String hexAddress = m.group(2).toLowerCase();
            byte[] bytes = HexFormat.of().parseHex(hexAddress.startsWith(MAPPED_PREFIX)
                    ? hexAddress.substring(MAPPED_PREFIX.length()) : hexAddress);
            return port > 65535 ? Optional.empty()
                    : Optional.of(new Target(address(bytes), port, Integer.parseInt(m.group(1))));
        }
        return Optional.empty();
    }

    /**
     * The default cookie name for a pool: {@code BIGipServer<name>} for a pool in {@code /Common},
     * else the pool's path with {@code ~} for {@code /} ({@code BIGipServer~Tenant~app~web}).
     */
    public static String defaultName(String poolPath) {
        return "BIGipServer" + (poolPath.startsWith("/Common/") && poolPath.indexOf('/', 8) < 0
                ? poolPath.substring(8) : poolPath.replace('/', '~'));
    }

    private static int swap(int port) {
        return (port & 0xff) << 8 | (port >>> 8) & 0xff;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes was refused", e);
        }
    }
}
