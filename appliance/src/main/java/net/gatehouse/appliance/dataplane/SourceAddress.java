package net.gatehouse.appliance.dataplane;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a virtual's server-side connections come from ({@code source-address-translation}).
 * Port 0 throughout: the kernel picks the port at connect time (IP_BIND_ADDRESS_NO_PORT), so a
 * translation address is not limited to one connection per local port.
 */
sealed interface SourceAddress {

    /** The local address to bind the server-side connection to, or null to let the host choose (automap). */
    InetSocketAddress localFor(InetSocketAddress client);

    /** Whether binding {@link #localFor} needs IP_TRANSPARENT (a client address not on this host). */
    boolean transparentFor(InetSocketAddress client);

    /** {@code automap}: the host's own address toward the member (net self is not modelled yet). */
    record Automap() implements SourceAddress {
        @Override
        public InetSocketAddress localFor(InetSocketAddress client) {
            return null;
        }

        @Override
        public boolean transparentFor(InetSocketAddress client) {
            return false;
        }
    }

    /** {@code snat} with a snatpool: its addresses in turn. */
    record Snat(List<InetSocketAddress> addresses, AtomicInteger cursor) implements SourceAddress {
        Snat(List<InetSocketAddress> addresses) {
            this(List.copyOf(addresses), new AtomicInteger());
        }

        @Override
        public InetSocketAddress localFor(InetSocketAddress client) {
            return addresses.get(Math.floorMod(cursor.getAndIncrement(), addresses.size()));
        }

        @Override
        public boolean transparentFor(InetSocketAddress client) {
            return false;
        }
    }

    /**
     * {@code none}: the server sees the client's address. A loopback client address is this host's
     * own and binds plainly; any other needs transparent binding, which only some hosts allow
     * ({@code transparent}); without it the connection falls back to automap.
     */
    record ClientAddress(boolean transparent) implements SourceAddress {
        @Override
        public InetSocketAddress localFor(InetSocketAddress client) {
            if (client.getAddress().isLoopbackAddress() || transparent) {
                return new InetSocketAddress(client.getAddress(), 0);
            }
            return null;
        }

        @Override
        public boolean transparentFor(InetSocketAddress client) {
            return transparent && !client.getAddress().isLoopbackAddress();
        }
    }
}
