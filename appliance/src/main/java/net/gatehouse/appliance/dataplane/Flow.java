package net.gatehouse.appliance.dataplane;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One proxied connection: the client side, the server side, and the objects it counts on (its
 * virtual, pool, member and node runtimes, never a whole snapshot). Everything here runs on the
 * client connection's event loop; only {@link #end} may be called from elsewhere (it hops onto
 * the loop).
 */
final class Flow implements Runnable {

    private final long id;
    private final Channel client;
    private final VirtualState virtual;
    private final PoolState pool;
    private volatile PoolState.Taken taken;
    private final DataPlaneContext context;
    private final long startedNanos = System.nanoTime();
    private final long idleTimeoutNanos;
    private final boolean resetOnTimeout;
    private Channel server;
    private long lastActivityNanos = startedNanos;
    private boolean clientInputShut;
    private boolean serverInputShut;
    private boolean finished;
    private boolean dropped;
    private long connectStartedNanos;
    private boolean answered;
    /** oneconnect, between requests: the member's counts are given back until the next request takes one. */
    private boolean betweenRequests;
    private ScheduledFuture<?> idleCheck;

    Flow(long id, Channel client, VirtualState virtual, PoolState pool, PoolState.Taken taken,
            DataPlaneContext context, long idleTimeoutSeconds, boolean resetOnTimeout) {
        this.id = id;
        this.client = client;
        this.virtual = virtual;
        this.pool = pool;
        this.taken = taken;
        this.context = context;
        this.idleTimeoutNanos = TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
        this.resetOnTimeout = resetOnTimeout;
    }

    long id() {
        return id;
    }

    Channel client() {
        return client;
    }

    Channel server() {
        return server;
    }

    VirtualState virtual() {
        return virtual;
    }

    PoolState.Taken taken() {
        return taken;
    }

    long startedNanos() {
        return startedNanos;
    }

    PoolState pool() {
        return pool;
    }

    /** The server-side connect starts now (response time counts from here to the member's first byte). */
    void connecting() {
        connectStartedNanos = context.ticker().nanos();
    }

    /**
     * The connect to the chosen member failed and another member took the connection: the failed
     * member's counts are given back. Runs on the client's event loop.
     */
    void reselect(PoolState.Taken next) {
        PoolState.Taken failed = taken;
        taken = next;
        failed.member().serverSide().close();
        failed.configured().node().serverSide().close();
        pool.queue().wake();
    }

    boolean finished() {
        return finished;
    }

    /**
     * oneconnect: a request's response was read to its end and its server connection is detached
     * (parked for reuse or closed); the member's and node's counts are given back, as BIG-IP
     * counts a member's connections by the requests in flight.
     */
    void betweenRequests(Channel detached) {
        if (server == detached) {
            server = null;
        }
        if (!betweenRequests && !finished) {
            betweenRequests = true;
            taken.member().serverSide().close();
            taken.configured().node().serverSide().close();
            pool.queue().wake();
        }
    }

    /** oneconnect: the next request was balanced (or persisted) to a member, already taken. */
    void nextRequest(PoolState.Taken next) {
        if (!betweenRequests) {
            reselect(next);
            return;
        }
        taken = next;
        betweenRequests = false;
    }

    /**
     * The server side is connected: start moving bytes and watching for idleness. Both sides read
     * on their own from now on (no read interest toggled per read); a side stops reading only while
     * the other cannot take more (backpressure, see {@link #pauseWhileUnwritable}).
     */
    void connected(Channel serverChannel) {
        if (attach(serverChannel)) {
            client.config().setAutoRead(true);
            server.config().setAutoRead(true);
        }
    }

    /**
     * After a read from {@code source} was passed on: flush it to {@code target}, and stop reading
     * {@code source} while {@code target} cannot take more ({@link #resumeWhenWritable} resumes it).
     */
    static void pauseWhileUnwritable(Channel source, Channel target) {
        target.flush();
        if (!target.isWritable()) {
            source.config().setAutoRead(false);
        }
    }

    /** {@code target} drained what was written to it: read {@code source} again. */
    static void resumeWhenWritable(Channel source, Channel target) {
        if (source != null && target.isWritable() && !source.config().isAutoRead()) {
            source.config().setAutoRead(true);
        }
    }

    /**
     * Makes this the server-side connection (the HTTP path may open a new one to the same member
     * when the server closed the last) and starts watching for idleness; false when the flow has
     * already ended (the channel is closed then).
     */
    boolean attach(Channel serverChannel) {
        if (finished) {
            serverChannel.close();
            return false;
        }
        server = serverChannel;
        if (idleTimeoutNanos > 0 && idleCheck == null) {
            idleCheck = client.eventLoop().schedule(this, idleTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** Bytes came from the client: count them and write them to the server. */
    void fromClient(Object message, int bytes) {
        if (dropped) {
            ReferenceCountUtil.release(message);
            return;
        }
        countFromClient(bytes);
        server.write(message, server.voidPromise());
    }

    /** Bytes came from the server: count them and write them to the client. */
    void fromServer(Object message, int bytes) {
        if (dropped) {
            ReferenceCountUtil.release(message);
            return;
        }
        countFromServer(bytes);
        client.write(message, client.voidPromise());
    }

    /** Counts bytes read from the client (and, as BIG-IP counts a proxied stream, sent to the server). */
    void countFromClient(int bytes) {
        lastActivityNanos = System.nanoTime();
        virtual.clientSide().received(bytes);
        pool.serverSide().sent(bytes);
        taken.member().serverSide().sent(bytes);
        taken.configured().node().serverSide().sent(bytes);
    }

    /** Counts bytes read from the server (and sent on to the client). */
    void countFromServer(int bytes) {
        lastActivityNanos = System.nanoTime();
        if (!answered) {
            answered = true;
            long responseNanos = context.ticker().nanos() - connectStartedNanos;
            taken.member().recordResponseTime(responseNanos);
            context.inband().responseReceived(taken.member().poolPath(), taken.member().memberPath(),
                    Duration.ofNanos(responseNanos));
        }
        pool.serverSide().received(bytes);
        taken.member().serverSide().received(bytes);
        taken.configured().node().serverSide().received(bytes);
        virtual.clientSide().sent(bytes);
    }

    /** The client sent FIN: pass it on once what it sent is written, and close when both sides are done. */
    void clientInputShutdown() {
        clientInputShut = true;
        if (serverInputShut) {
            end(false);
        } else {
            shutdownOutputAfterFlush(server);
        }
    }

    /** The server side closed: the connection ends, unless it is being dropped or moved to another member. */
    void serverClosed(Channel channel) {
        if (channel == server && !dropped) {
            end(false);
        }
    }

    /** The server sent FIN: pass it on to the client. */
    void serverInputShutdown() {
        if (dropped) {
            return;
        }
        serverInputShut = true;
        if (clientInputShut) {
            end(false);
        } else {
            shutdownOutputAfterFlush(client);
        }
    }

    /**
     * Half-closes {@code channel} once what was written to it is flushed; a TLS side first sends its
     * close_notify (TLS 1.3 allows the peer to keep sending; to a TLS 1.2 peer it is the end), so the
     * peer sees the stream end cleanly rather than cut.
     */
    private static void shutdownOutputAfterFlush(Channel channel) {
        if (channel != null && channel.isActive()) {
            ChannelFutureListener halfClose = f -> ((DuplexChannel) channel).shutdownOutput();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) flushed -> {
                SslHandler tls = channel.pipeline().get(SslHandler.class);
                if (tls == null) {
                    halfClose.operationComplete(flushed);
                } else {
                    tls.closeOutbound().addListener(halfClose);
                }
            });
        }
    }

    /** The idle check: BIG-IP's idle timeout counts time without traffic in either direction. */
    @Override
    public void run() {
        if (finished) {
            return;
        }
        long idle = System.nanoTime() - lastActivityNanos;
        if (idle >= idleTimeoutNanos) {
            if (resetOnTimeout) {
                context.count(ResetCause.IDLE_TIMEOUT);
            }
            end(resetOnTimeout);
        } else {
            idleCheck = client.eventLoop().schedule(this, idleTimeoutNanos - idle, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Ends the connection on both sides (what is already written is flushed first), with a reset
     * (RST) instead of a close when asked, and gives back every count it took. Idempotent; safe
     * from any thread.
     */
    void end(boolean reset) {
        if (!client.eventLoop().inEventLoop()) {
            client.eventLoop().execute(() -> end(reset));
            return;
        }
        if (finished) {
            return;
        }
        finished = true;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        finish(client, reset);
        finish(server, reset);
        virtual.clientSide().close();
        pool.serverSide().close();
        if (!betweenRequests) {
            taken.member().serverSide().close();
            taken.configured().node().serverSide().close();
        }
        context.connections().remove(this);
        pool.queue().wake();
    }

    /**
     * The member (or its node) was marked down by its monitor: the pool's
     * {@code service-down-action} decides. {@code reset} resets both sides; {@code drop} closes the
     * server side and silently discards what the client sends until the idle timeout ends the
     * connection; {@code reselect} resets the server side and, if the member has sent nothing yet,
     * connects the client to another member, else resets the client too (a TCP byte stream cannot
     * resume on another server); {@code none} lets the connection run. Safe from any thread.
     */
    void serviceDown(String action, Runnable reconnect) {
        if (!client.eventLoop().inEventLoop()) {
            client.eventLoop().execute(() -> serviceDown(action, reconnect));
            return;
        }
        if (finished || dropped || betweenRequests) {
            return;
        }
        if (action.equals("drop")) {
            dropped = true;
            if (server != null) {
                server.close();
            }
        } else if (action.equals("reselect") && !answered && server != null) {
            Channel failed = server;
            server = null;
            resetNow(failed);
            reconnect.run();
        } else if (!action.equals("none")) {
            end(true);
        }
    }

    private static void finish(Channel channel, boolean reset) {
        if (channel == null) {
            return;
        }
        if (reset) {
            resetNow(channel);
        } else if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** Closes with SO_LINGER 0, so the peer gets a RST. */
    static void resetNow(Channel channel) {
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        channel.close();
    }

    /** What {@code show sys connection} prints for this connection. */
    ConnectionInfo info() {
        Channel s = server;
        return new ConnectionInfo(id, (InetSocketAddress) client.remoteAddress(),
                (InetSocketAddress) client.localAddress(),
                Optional.ofNullable(s == null ? null : (InetSocketAddress) s.localAddress()),
                taken.configured().address(), virtual.fullPath(), pool.fullPath(), taken.member().memberPath(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastActivityNanos));
    }
}
