package net.gatehouse.appliance.dataplane.tls;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * Sits after a client connection's TLS handler and holds the connection back from the virtual's
 * handler until the handshake is done, as BIG-IP opens the server side only after the client's
 * handshake: the virtual's handler sees the connection become active on success (a failed
 * handshake is closed after the TLS alert and never reaches a pool member). Application data
 * decoded in the handshake's last read waits here until the virtual's handler first asks to read,
 * i.e. until its server side is connected, and so does a FIN that came with it (after that data).
 * Then the gate steps out of the pipeline. A failed
 * handshake is reported; when the report says so, the connection is reset (SO_LINGER 0) once the
 * alert is on its way, as BIG-IP resets it, else it is closed.
 */
final class HandshakeGate extends ChannelDuplexHandler {

    private final Queue<Object> early = new ArrayDeque<>();
    private final Predicate<Throwable> failed;
    private boolean handshaken;

    HandshakeGate(Predicate<Throwable> failed) {
        this.failed = failed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (!completion.isSuccess()) {
                if (failed.test(completion.cause()) && ctx.channel().isOpen()) {
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                }
                ctx.close();
                return;
            }
            handshaken = true;
            ctx.fireChannelActive();
        } else if (event instanceof ChannelInputShutdownEvent) {
            if (!handshaken) {
                // The client closed before its handshake finished: the virtual's handler never started.
                ctx.close();
            } else {
                // The client's FIN came with its first data: it follows that data, once it is let through.
                early.add(event);
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (handshaken) {
            early.add(message);
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!handshaken) {
            ctx.read();
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!handshaken) {
            ctx.read();
            return;
        }
        List<Object> held = new ArrayList<>(early);
        early.clear();
        ctx.pipeline().remove(this);
        if (held.isEmpty()) {
            ctx.read();
            return;
        }
        for (Object item : held) {
            if (item instanceof ChannelInputShutdownEvent) {
                ctx.fireChannelReadComplete();
                ctx.fireUserEventTriggered(item);
            } else {
                ctx.fireChannelRead(item);
            }
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * An error before the handshake is done (the TLS handler's own, after it reported the failed
     * handshake) closes the connection here: the virtual's handler never saw it open.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (handshaken) {
            ctx.fireExceptionCaught(cause);
        } else {
            ctx.close();
        }
    }

    /** Only a connection the virtual's handler saw become active is told it became inactive. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (handshaken) {
            ctx.fireChannelInactive();
        }
    }
}
