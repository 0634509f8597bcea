package net.gatehouse.appliance.dataplane;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One live connection as {@code show sys connection} lists it: the client side (client and
 * virtual address), the server side (the local address it comes from, once connected, and the
 * member), what it uses, its age and its idle time in seconds.
 */
public record ConnectionInfo(long id, InetSocketAddress client, InetSocketAddress virtualAddress,
        Optional<InetSocketAddress> serverSideLocal, InetSocketAddress server, String virtual, String pool,
        String member, long ageSeconds, long idleSeconds) {
}
