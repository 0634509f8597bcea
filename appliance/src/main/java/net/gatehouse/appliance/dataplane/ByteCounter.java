package net.gatehouse.appliance.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.IntConsumer;

/** First in an HTTP pipeline: counts the bytes read from the socket before the parser sees them. */
final class ByteCounter extends ChannelInboundHandlerAdapter {

    private final IntConsumer counter;

    ByteCounter(IntConsumer counter) {
        this.counter = counter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ByteBuf bytes) {
            counter.accept(bytes.readableBytes());
        }
        ctx.fireChannelRead(message);
    }
}
