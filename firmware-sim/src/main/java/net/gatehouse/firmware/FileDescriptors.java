package net.gatehouse.firmware;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's file descriptor limit, reported at boot: every client and server connection
 * holds one, so it bounds the connections the data plane can carry. The {@code gatehouse}
 * launcher raises the soft limit to the hard limit before starting the JVM.
 */
final class FileDescriptors {

    private FileDescriptors() {
    }

    /** {@code file descriptors 1048576 max (42 open)}, or that the host does not say. */
    static String describe() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return "file descriptors " + unix.getMaxFileDescriptorCount() + " max ("
                    + unix.getOpenFileDescriptorCount() + " open)";
        }
        return "file descriptors: limit unknown on this host";
    }
}
