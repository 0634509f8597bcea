package net.gatehouse.appliance.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.persist.irule.RuleDecision;
import net.gatehouse.appliance.view.LtmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one connection to a virtual server: admits it (virtual enabled, virtual
 * connection limit, a member that can take it, or a place in the pool's queue), opens the server
 * side on the same event loop (another member after a failed connect, up to
 * {@code reselect-tries}), and forwards what the client sends, reading more only when the server
 * side can take it.
 */
final class ClientSideHandler extends ChannelInboundHandlerAdapter implements ConnectionQueue.Waiter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSideHandler.class);

    private final DataPlaneContext context;
    private final VirtualState virtual;
    private final Set<MemberState> tried = new HashSet<>();
    private Channel client;
    private PoolState pool;
    private SourceAddress source;
    private Flow flow;
    private boolean queued;
    private ScheduledFuture<?> queueTimeout;
    private Optional<PersistentSelection.Persisted> persisted = Optional.empty();
    /** What the virtual's iRules ({@code CLIENT_ACCEPTED}) decided for this connection. */
    private final RuleDecision decision = new RuleDecision();

    ClientSideHandler(DataPlaneContext context, VirtualState virtual) {
        this.context = context;
        this.virtual = virtual;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        VirtualState.Plan plan = virtual.plan();
        if (!plan.virtual().enabled()) {
            refuse(client, ResetCause.VIRTUAL_DISABLED);
            return;
        }
        if (!virtual.clientSide().tryOpen(plan.virtual().connectionLimit())) {
            refuse(client, ResetCause.VIRTUAL_CONNECTION_LIMIT);
            return;
        }
        context.rules(virtual.fullPath()).clientAccepted(PersistFacts.of(client, null), decision);
        pool = decision.pool().isPresent() ? context.pool(decision.pool().get()) : plan.pool();
        source = plan.source();
        if (pool == null) {
            virtual.clientSide().close();
            refuse(client, ResetCause.NO_POOL);
            return;
        }
        LtmView.Pool settings = pool.plan().pool();
        boolean queueing = settings.queueOnConnectionLimit();
        PoolState.Taken taken = queueing && pool.queue().size() > 0 ? null : choose();
        if (taken != null) {
            start(taken);
        } else if (queueing && pool.anyAvailable(context.health())) {
            enqueue(settings);
        } else {
            virtual.clientSide().close();
            refuse(client, ResetCause.NO_MEMBER_AVAILABLE);
        }
    }

    /** A member for this connection, by the virtual's persistence and the pool's balancing; null when none. */
    private PoolState.Taken choose() {
        PersistentSelection.Choice choice = context.selection().select(virtual.plan(),
                context.persistence(virtual.fullPath()), decision.persistence(), pool,
                () -> PersistFacts.of(client, null), context.health(), context.ticker().nanos());
        if (choice == null) {
            return null;
        }
        persisted = choice.persisted();
        return choice.taken();
    }

    private void start(PoolState.Taken taken) {
        pool.serverSide().open();
        VirtualState.Plan plan = virtual.plan();
        flow = new Flow(context.connections().nextId(), client, virtual, pool, taken, context,
                plan.virtual().transport().idleTimeoutSeconds(), plan.virtual().transport().resetOnTimeout());
        context.connections().add(flow);
        connectServerSide();
    }

    /**
     * {@code queue-on-connection-limit}: every available member is at its limit, so the client
     * waits (unread) for a connection to end, within {@code queue-depth-limit} and
     * {@code queue-time-limit}; over either it is reset.
     */
    private void enqueue(LtmView.Pool settings) {
        if (!pool.queue().offer(this, settings.queueDepthLimit())) {
            virtual.clientSide().close();
            refuse(client, ResetCause.VIRTUAL_CONNECTION_LIMIT);
            return;
        }
        queued = true;
        if (settings.queueTimeLimitMillis() > 0) {
            queueTimeout = client.eventLoop().schedule(this::queueTimedOut, settings.queueTimeLimitMillis(),
                    TimeUnit.MILLISECONDS);
        }
        pool.queue().wake();
    }

    private void queueTimedOut() {
        if (queued) {
            leaveQueue();
            refuse(client, ResetCause.VIRTUAL_CONNECTION_LIMIT);
        }
    }

    private void leaveQueue() {
        queued = false;
        pool.queue().remove(this);
        virtual.clientSide().close();
    }

    @Override
    public EventLoop loop() {
        return client.eventLoop();
    }

    @Override
    public boolean retry() {
        if (!queued) {
            return true;
        }
        PoolState.Taken taken = choose();
        if (taken == null) {
            return false;
        }
        queued = false;
        if (queueTimeout != null) {
            queueTimeout.cancel(false);
        }
        start(taken);
        return true;
    }

    private void connectServerSide() {
        InetSocketAddress clientAddress = (InetSocketAddress) client.remoteAddress();
        Bootstrap bootstrap = new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(context.transport().sockets())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DataPlaneContext.CONNECT_TIMEOUT_MILLIS);
        InetSocketAddress local = clientAddress == null ? null : source.localFor(clientAddress);
        InetSocketAddress member = flow.taken().configured().address();
        ServerSideHandler serverSide = new ServerSideHandler(flow);
        bootstrap.handler(context.tls().virtual(virtual.fullPath())
                .map(tls -> tls.serverSideHandlers(member, serverSide)).orElse(serverSide));
        flow.connecting();
        ChannelFuture connecting;
        if (local != null) {
            context.transport().bindWithoutPort(bootstrap, source.transparentFor(clientAddress));
            connecting = bootstrap.connect(member, local);
        } else {
            connecting = bootstrap.connect(member);
        }
        connecting.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                flow.connected(f.channel());
                return;
            }
            boolean outOfDescriptors = DataPlaneContext.isOutOfFileDescriptors(f.cause());
            if (!outOfDescriptors) {
                MemberState failed = flow.taken().member();
                context.inband().connectionFailed(failed.poolPath(), failed.memberPath());
            }
            LOG.debug("{}: server-side connection to {} failed: {}", virtual.fullPath(), member,
                    f.cause().getMessage());
            if (outOfDescriptors || !reselect(pool.plan().pool().reselectTries())) {
                context.count(outOfDescriptors ? ResetCause.FILE_DESCRIPTORS : ResetCause.SERVER_CONNECT_FAILED);
                flow.end(true);
            }
        });
    }

    /**
     * The chosen member failed (its connect failed, or it was marked down before answering):
     * another member takes the connection, at most {@code tries} times per connection.
     *
     * @return whether another member took it (and is being connected to)
     */
    private boolean reselect(int tries) {
        tried.add(flow.taken().member());
        if (tried.size() > tries) {
            return false;
        }
        PoolState.Taken next = pool.select(context.health(), context.ticker().nanos(), tried);
        if (next == null) {
            return false;
        }
        flow.reselect(next);
        persisted.ifPresent(p -> context.selection().persist(p, virtual.plan(), pool, next));
        connectServerSide();
        return true;
    }

    /** {@code service-down-action reselect}: the member went down before it answered; try another. */
    void reselectAfterServiceDown() {
        if (!reselect(Math.max(1, pool.plan().pool().reselectTries()))) {
            flow.end(true);
        }
    }

    private void refuse(Channel client, ResetCause cause) {
        context.count(cause);
        Flow.resetNow(client);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        flow.fromClient(message, ((ByteBuf) message).readableBytes());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel server = flow == null ? null : flow.server();
        if (server != null) {
            Flow.pauseWhileUnwritable(ctx.channel(), server);
        }
    }

    /** The client drained what we wrote to it: read more from the server. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (flow != null) {
            Flow.resumeWhenWritable(flow.server(), ctx.channel());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && flow != null) {
            flow.clientInputShutdown();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (queued) {
            leaveQueue();
        }
        if (flow != null) {
            flow.end(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            context.count(ResetCause.MEMORY);
        }
        LOG.debug("{}: client-side connection {} failed: {}", virtual.fullPath(), ctx.channel().remoteAddress(),
                cause.toString());
        if (flow != null) {
            flow.end(true);
        } else {
            ctx.close();
        }
    }
}
