package net.gatehouse.appliance.dataplane;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What this host lets the process do with sockets. */
final class HostCapabilities {

    private static final Logger LOG = LoggerFactory.getLogger(HostCapabilities.class);
    private static final int CAP_NET_ADMIN = 12;

    private HostCapabilities() {
    }

    /**
     * Whether a server-side socket may bind a client's address that is not on this host
     * (IP_TRANSPARENT): the native transport and CAP_NET_ADMIN in the effective set.
     */
    static boolean transparentBinding(Transport transport) {
        if (!transport.bindsAnyAddress()) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring(7).trim(), 16).testBit(CAP_NET_ADMIN);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.info("Cannot read this process's capabilities ({}); transparent binding is off", e.toString());
        }
        return false;
    }
}
