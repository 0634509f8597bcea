package net.gatehouse.appliance.schema;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP addresses as BIG-IP writes them: IPv4 dotted quads and IPv6 literals, each with an optional
 * route domain ({@code 10.0.0.1%2}); {@code any} and {@code any6} for the wildcard.
 */
public final class Addresses {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern ROUTE_DOMAIN = Pattern.compile("\\d{1,5}");

    private Addresses() {
    }

    /** The canonical form of an address, or empty when the text is not one. */
    public static Optional<String> canonical(String text) {
        String address = text;
        String routeDomain = "";
        int percent = text.indexOf('%');
        if (percent >= 0) {
            address = text.substring(0, percent);
            routeDomain = text.substring(percent + 1);
            if (!ROUTE_DOMAIN.matcher(routeDomain).matches()) {
                return Optional.empty();
            }
            routeDomain = "%" + Integer.parseInt(routeDomain);
        }
        if (address.equals("any") || address.equals("any6")) {
            return Optional.of(address + routeDomain);
        }
        if (IPV4.matcher(address).matches()) {
            return Optional.of(address + routeDomain);
        }
        if (address.indexOf(':') >= 0 && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            try {
                // A literal containing ':' is parsed, never looked up.
                InetAddress parsed = InetAddress.getByName(address);
                if (parsed.getAddress().length == 16) {
                    return Optional.of(address.toLowerCase() + routeDomain);
                }
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public static boolean isIpv6(String address) {
        return address.indexOf(':') >= 0 || address.startsWith("any6");
    }

    /** Splits {@code addr:port} (IPv4) or {@code addr.port} (IPv6) at the port separator. */
    public static Optional<String[]> splitAddressPort(String text) {
        int colons = (int) text.chars().filter(c -> c == ':').count();
        int at = colons > 1 ? text.lastIndexOf('.') : text.lastIndexOf(':');
        if (at <= 0 || at == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {text.substring(0, at), text.substring(at + 1)});
    }

    /** The node a pool member names: {@code /Common/10.0.0.1:80} → {@code /Common/10.0.0.1}. */
    public static String memberNode(String memberPath) {
        String local = Paths.name(memberPath);
        String[] parts = splitAddressPort(local).orElse(new String[] {local, ""});
        return Paths.join(Paths.folder(memberPath), parts[0]);
    }

    /** Joins an address and port as BIG-IP does: {@code :} for IPv4, {@code .} for IPv6. */
    public static String joinAddressPort(String address, String port) {
        return address + (isIpv6(address) ? "." : ":") + port;
    }

    /** Checks a dotted netmask ({@code 255.255.255.0}) or IPv6 mask, returning it canonical. */
    public static Optional<String> netmask(String text) {
        if (text.equals("any") || text.equals("any6")) {
            return Optional.of(text);
        }
        Optional<String> address = canonical(text);
        if (address.isEmpty() || address.get().contains("%")) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(address.get()).getAddress();
            boolean zeroSeen = false;
            for (byte b : bytes) {
                for (int bit = 7; bit >= 0; bit--) {
                    boolean one = (b >> bit & 1) == 1;
                    if (one && zeroSeen) {
                        return Optional.empty();
                    }
                    zeroSeen |= !one;
                }
            }
            return address;
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
