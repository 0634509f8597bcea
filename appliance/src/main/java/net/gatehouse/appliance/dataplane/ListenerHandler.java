package net.gatehouse.appliance.dataplane;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a virtual's listening socket: counts accepts that failed for want of file descriptors or
 * memory, logs once, and pauses accepting for a second so a listener out of descriptors does not
 * spin (what is queued meanwhile waits in the kernel's backlog).
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
        LOG.warn("Accepting on {} failed, pausing for a second: {}", ctx.channel().localAddress(), cause.toString());
        ctx.channel().config().setAutoRead(false);
        ctx.channel().eventLoop().schedule(() -> ctx.channel().config().setAutoRead(true), 1, TimeUnit.SECONDS);
    }
}
