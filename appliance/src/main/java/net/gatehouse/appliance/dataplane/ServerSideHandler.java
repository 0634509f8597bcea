package net.gatehouse.appliance.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server side of one connection: forwards what the member sends, reading more only when the client can take it. */
final class ServerSideHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSideHandler.class);

    private final Flow flow;

    ServerSideHandler(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (ctx.channel() != flow.server()) {
            ReferenceCountUtil.release(message);
            return;
        }
        flow.fromServer(message, ((ByteBuf) message).readableBytes());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Flow.pauseWhileUnwritable(ctx.channel(), flow.client());
    }

    /** The server drained what we wrote to it: read more from the client. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel() == flow.server()) {
            Flow.resumeWhenWritable(flow.client(), ctx.channel());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && ctx.channel() == flow.server()) {
            flow.serverInputShutdown();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flow.serverClosed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: server-side connection to {} failed: {}", flow.virtual().fullPath(),
                ctx.channel().remoteAddress(), cause.toString());
        if (ctx.channel() == flow.server()) {
            flow.end(true);
        } else {
            ctx.close();
        }
    }
}
