package net.gatehouse.appliance.dataplane;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals from the configuration (with an optional {@code %route-domain}) as socket addresses. */
final class IpLiterals {

    private IpLiterals() {
    }

    /** The address without its route domain; never a name lookup (the schema only stores literals). */
    static InetAddress parse(String literal) {
        int percent = literal.indexOf('%');
        String address = percent < 0 ? literal : literal.substring(0, percent);
        if (!address.isEmpty() && Character.digit(address.charAt(0), 16) < 0 && address.charAt(0) != ':') {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
        }
    }
}
