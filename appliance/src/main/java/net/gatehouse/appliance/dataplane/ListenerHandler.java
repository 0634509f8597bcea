package net.gatehouse.appliance.dataplane;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a virtual's listening socket: counts accepts that failed for want of file descriptors or
 * memory, then lets Netty's acceptor pause accepting for a moment (it does so on any accept error).
 */
@ChannelHandler.Sharable
final class ListenerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerHandler.class);

    private final DataPlaneContext context;

    ListenerHandler(DataPlaneContext context) {
        this.context = context;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (DataPlaneContext.isOutOfFileDescriptors(cause)) {
            context.count(ResetCause.FILE_DESCRIPTORS);
        } else if (cause instanceof OutOfMemoryError) {
            context.count(ResetCause.MEMORY);
        }
        LOG.warn("Accepting on {} failed: {}", ctx.channel().localAddress(), cause.toString());
        ctx.fireExceptionCaught(cause);
    }
}
