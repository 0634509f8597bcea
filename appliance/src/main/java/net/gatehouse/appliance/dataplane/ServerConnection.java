package net.gatehouse.appliance.dataplane;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-side connection of the L7 path, last in its pipeline: it hands what the server sends
 * to the client session using it now, and remembers what connection reuse needs (the member, the
 * reuse key, when it was opened, how often it was reused). While it waits in an idle pool it has
 * no user: a server that sends anything then is out of step and the connection is closed; one
 * that closes it leaves the pool.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    /** The client session a server connection works for. */
    interface User {
        void fromServer(Channel channel, Object message);

        void serverReadComplete(Channel channel);

        void serverWritable(Channel channel);

        void serverInactive(Channel channel);

        void countFromServer(int bytes);
    }

    private final Channel channel;
    private final MemberState member;
    private final ServerConnectionPool.Key key;
    private final long openedNanos;
    private User user;
    private long reuses;
    private ServerConnectionPool idleIn;
    /** The counters of the profile it was parked under. */
    private OneConnectCounters parkedCounters;
    /** The idle timeout while parked; made at the first park, re-armed (not rescheduled) at every other. */
    private Deadline idleTimer;

    ServerConnection(Channel channel, MemberState member, ServerConnectionPool.Key key, long openedNanos, User user) {
        this.channel = channel;
        this.member = member;
        this.key = key;
        this.openedNanos = openedNanos;
        this.user = user;
    }

    /** The connection's handler in a server-side pipeline. */
    static ServerConnection of(Channel channel) {
        return channel.pipeline().get(ServerConnection.class);
    }

    Channel channel() {
        return channel;
    }

    MemberState member() {
        return member;
    }

    /** The reuse key; null when the virtual has no one-connect profile. */
    ServerConnectionPool.Key key() {
        return key;
    }

    long openedNanos() {
        return openedNanos;
    }

    long reuses() {
        return reuses;
    }

    /** Bytes read from the server: counted on the user's connection. */
    void counted(int bytes) {
        if (user != null) {
            user.countFromServer(bytes);
        }
    }

    /**
     * It waits in {@code pool} now, under a profile's policy (its statistics counted in
     * {@code counters}); the pool is told when it has waited the policy's idle timeout (if any)
     * without anybody taking it.
     */
    void parked(ServerConnectionPool pool, OneConnectPolicy policy, OneConnectCounters counters) {
        user = null;
        idleIn = pool;
        parkedCounters = counters;
        if (policy.idleTimeoutNanos() > 0) {
            if (idleTimer == null) {
                idleTimer = new Deadline(channel.eventLoop(), this::idleTimedOut);
            }
            idleTimer.arm(policy.idleTimeoutNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void idleTimedOut() {
        if (idleIn != null) {
            idleIn.idleTimedOut(this);
        }
    }

    /** The counters of the profile it was parked under (while idle). */
    OneConnectCounters parkedCounters() {
        return parkedCounters;
    }

    /** A request took it from its idle pool. */
    void reusedBy(User next) {
        unpark();
        reuses++;
        user = next;
    }

    /** It leaves its idle pool (taken, expired or closed). */
    void unpark() {
        idleIn = null;
        parkedCounters = null;
        if (idleTimer != null) {
            idleTimer.clear();
        }
    }

    boolean idle() {
        return idleIn != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (user != null) {
            user.fromServer(channel, message);
            return;
        }
        ReferenceCountUtil.release(message);
        if (idleIn != null) {
            LOG.debug("{} sent data on an idle connection; closing it", channel.remoteAddress());
            channel.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (user != null) {
            user.serverReadComplete(channel);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (user != null) {
            user.serverWritable(channel);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleTimer != null) {
            idleTimer.stop();
        }
        if (idleIn != null) {
            idleIn.closed(this);
        }
        if (user != null) {
            user.serverInactive(channel);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("server-side connection {} failed: {}", channel.remoteAddress(), cause.toString());
        ctx.close();
    }
}
