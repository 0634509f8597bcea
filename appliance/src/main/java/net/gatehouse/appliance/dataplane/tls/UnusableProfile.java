package net.gatehouse.appliance.dataplane.tls;

/**
 * A client-ssl or server-ssl profile that cannot become a TLS context on this appliance (material
 * not installed here, a cipher string that selects nothing, options that leave no protocol). The
 * commit stands; the virtuals using the profile refuse connections and the log says why.
 */
final class UnusableProfile extends Exception {

    UnusableProfile(String message) {
        super(message);
    }
}
