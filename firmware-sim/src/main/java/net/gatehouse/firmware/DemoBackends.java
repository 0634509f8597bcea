package net.gatehouse.firmware;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two tiny backends for the demo pool, on 127.0.0.1:8081 and :8082: whatever a client sends
 * first, each answers with a small HTTP response whose body is its name, then closes. They are
 * servers *behind* the appliance, started by {@code --demo} so a newcomer sees traffic at once.
 */
final class DemoBackends implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBackends.class);
    static final List<Integer> PORTS = List.of(8081, 8082);

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();

    private DemoBackends() {
    }

    /** Starts both backends; one whose port is taken is skipped with a warning. */
    static DemoBackends start() {
        DemoBackends backends = new DemoBackends();
        for (int i = 0; i < PORTS.size(); i++) {
            backends.listen("demo-backend-" + (i + 1), PORTS.get(i));
        }
        return backends;
    }

    private void listen(String name, int port) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        var bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Answer(name));
                    }
                })
                .bind(address).awaitUninterruptibly();
        if (bound.isSuccess()) {
            channels.add(bound.channel());
            LOG.info("Demo backend {} listening on {}", name, address);
        } else {
            LOG.warn("Demo backend {} cannot listen on {}: {}", name, address, bound.cause().getMessage());
        }
    }

    /** How many backends are listening. */
    int listening() {
        return channels.size();
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().awaitUninterruptibly());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** Answers the first thing a client sends with an HTTP response naming this backend. */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        private final String name;

        Answer(String name) {
            this.name = name;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ReferenceCountUtil.release(message);
            if (!ctx.channel().isActive()) {
                return;
            }
            String body = name + "\n";
            String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            ByteBuf bytes = Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII);
            ctx.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Demo backend {}: {}", name, cause.toString());
            ctx.close();
        }
    }
}
