package net.gatehouse.appliance.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one connection to a virtual server: admits it (virtual enabled, virtual
 * connection limit, a member that can take it), opens the server side on the same event loop,
 * and forwards what the client sends, reading more only when the server side can take it.
 */
final class ClientSideHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSideHandler.class);

    private final DataPlaneContext context;
    private final VirtualState virtual;
    private Flow flow;

    ClientSideHandler(DataPlaneContext context, VirtualState virtual) {
        this.context = context;
        this.virtual = virtual;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        VirtualState.Plan plan = virtual.plan();
        if (!plan.virtual().enabled()) {
            refuse(client, ResetCause.VIRTUAL_DISABLED);
            return;
        }
        if (!virtual.clientSide().tryOpen(plan.virtual().connectionLimit())) {
            refuse(client, ResetCause.VIRTUAL_CONNECTION_LIMIT);
            return;
        }
        PoolState pool = plan.pool();
        PoolState.Taken taken = pool == null ? null : pool.select(context.health());
        if (taken == null) {
            virtual.clientSide().close();
            refuse(client, pool == null ? ResetCause.NO_POOL : ResetCause.NO_MEMBER_AVAILABLE);
            return;
        }
        pool.serverSide().open();
        flow = new Flow(context.connections().nextId(), client, virtual, pool, taken, context,
                plan.virtual().transport().idleTimeoutSeconds(), plan.virtual().transport().resetOnTimeout());
        context.connections().add(flow);
        connectServerSide(client, plan.source());
    }

    private void connectServerSide(Channel client, SourceAddress source) {
        InetSocketAddress clientAddress = (InetSocketAddress) client.remoteAddress();
        Bootstrap bootstrap = new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(context.transport().sockets())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DataPlaneContext.CONNECT_TIMEOUT_MILLIS)
                .handler(new ServerSideHandler(flow));
        InetSocketAddress local = clientAddress == null ? null : source.localFor(clientAddress);
        ChannelFuture connecting;
        if (local != null) {
            if (context.transport().epoll()) {
                bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
                if (source.transparentFor(clientAddress)) {
                    bootstrap.option(EpollChannelOption.IP_TRANSPARENT, true);
                }
            }
            connecting = bootstrap.connect(flow.taken().configured().address(), local);
        } else {
            connecting = bootstrap.connect(flow.taken().configured().address());
        }
        connecting.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                flow.connected(f.channel());
            } else {
                ResetCause cause = DataPlaneContext.isOutOfFileDescriptors(f.cause())
                        ? ResetCause.FILE_DESCRIPTORS : ResetCause.SERVER_CONNECT_FAILED;
                context.count(cause);
                LOG.debug("{}: server-side connection to {} failed: {}", virtual.fullPath(),
                        flow.taken().configured().address(), f.cause().getMessage());
                flow.end(true);
            }
        });
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
            server.flush();
            if (server.isWritable()) {
                ctx.read();
            }
        }
    }

    /** The client drained what we wrote to it: read more from the server. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel server = flow == null ? null : flow.server();
        if (server != null && ctx.channel().isWritable()) {
            server.read();
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
