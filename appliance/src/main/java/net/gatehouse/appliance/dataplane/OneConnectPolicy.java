package net.gatehouse.appliance.dataplane;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.view.LtmView;

/**
 * What a virtual's {@code one-connect} profile asks of its server-side connections, in the data
 * plane's units: which idle connections a request may reuse ({@code source-mask}, and the scope:
 * the virtual, or every virtual with the profile under {@code share-pools}), how many idle ones
 * an event loop keeps ({@code max-size} split over the loops, as BIG-IP splits it over its TMMs),
 * how old ({@code max-age}) and how often reused ({@code max-reuse}) a connection may be, and how
 * long an idle one is kept ({@code idle-timeout-override}, else the transport profile's idle timeout).
 *
 * @param profile          the one-connect profile's full path (its statistics are counted there)
 * @param scope            which virtuals share idle connections: the virtual's path, or the profile's
 * @param sourceMask       the mask's bytes, or empty for {@code any} (every client may reuse)
 * @param maxIdlePerLoop   idle connections one event loop keeps for this scope
 * @param maxReuse         how many times one server connection may be taken from the idle pool
 * @param idleTimeoutNanos how long an idle connection is kept; 0: until the server closes it
 */
record OneConnectPolicy(String profile, String scope, Optional<byte[]> sourceMask, int maxIdlePerLoop,
        long maxAgeNanos, long maxReuse, long idleTimeoutNanos) {

    /** The source every connection without a bound address shares (automap: the host's own address). */
    private static final InetAddress HOST = InetAddress.getLoopbackAddress();

    /** The policy of a virtual with a one-connect profile; empty without one. */
    static Optional<OneConnectPolicy> of(LtmView.Virtual virtual, int loops) {
        return virtual.oneConnect().map(profile -> {
            long idleSeconds = profile.idleTimeoutOverride().orElse(virtual.transport().idleTimeoutSeconds());
            long perLoop = (profile.maxSize() + loops - 1) / Math.max(1, loops);
            return new OneConnectPolicy(profile.profile(), profile.sharePools() ? profile.profile() : virtual.fullPath(),
                    mask(profile.sourceMask()), (int) Math.min(Integer.MAX_VALUE, perLoop),
                    TimeUnit.SECONDS.toNanos(profile.maxAgeSeconds()), profile.maxReuse(),
                    TimeUnit.SECONDS.toNanos(idleSeconds));
        });
    }

    private static Optional<byte[]> mask(String sourceMask) {
        if (sourceMask.equals("any") || sourceMask.equals("any6")) {
            return Optional.empty();
        }
        byte[] bytes = IpLiterals.parse(sourceMask).getAddress();
        for (byte b : bytes) {
            if (b != 0) {
                return Optional.of(bytes);
            }
        }
        return Optional.empty();
    }

    /**
     * Which idle connections a request may take: those to the same member, in the same scope,
     * from the same source once masked. The source is the address the server connection is bound
     * to (the client's, or the SNAT address), or the host's own when it is not bound (automap).
     */
    ServerConnectionPool.Key key(InetSocketAddress member, InetSocketAddress local) {
        return new ServerConnectionPool.Key(scope, member, masked(local == null ? HOST : local.getAddress()));
    }

    private InetAddress masked(InetAddress source) {
        if (sourceMask.isEmpty()) {
            return null;
        }
        byte[] mask = sourceMask.get();
        byte[] address = source.getAddress();
        if (address.length != mask.length) {
            return source;
        }
        byte[] masked = new byte[address.length];
        for (int i = 0; i < masked.length; i++) {
            masked[i] = (byte) (address[i] & mask[i]);
        }
        try {
            return InetAddress.getByAddress(masked);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a masked address of " + masked.length + " bytes", e);
        }
    }

    /** Whether a server connection opened at {@code openedNanos} is past {@code max-age} at {@code nowNanos}. */
    boolean tooOld(long openedNanos, long nowNanos) {
        return nowNanos - openedNanos >= maxAgeNanos;
    }
}
