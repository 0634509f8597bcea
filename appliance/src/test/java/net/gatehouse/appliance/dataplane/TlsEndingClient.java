package net.gatehouse.appliance.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A TLS client for the tests that can tell how a connection ended: whether the peer's close_notify
 * arrived before TCP closed (a JDK {@code SSLSocket} reads both as a plain end of stream). It can also
 * half-close at the TCP level only (a FIN without close_notify), as a client done sending does.
 */
final class TlsEndingClient implements AutoCloseable {

    /** What the client read, and whether the stream ended with the peer's close_notify. */
    record Ending(String text, boolean closeNotify) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Channel channel;
    private final SslHandler tls;

    TlsEndingClient(String address, int port, String protocol) throws Exception {
        SslContext context = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols(protocol).build();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc(), address, port),
                                new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object message) {
                                        ByteBuf bytes = (ByteBuf) message;
                                        synchronized (received) {
                                            byte[] chunk = new byte[bytes.readableBytes()];
                                            bytes.readBytes(chunk);
                                            received.writeBytes(chunk);
                                        }
                                        bytes.release();
                                    }
                                });
                    }
                }).connect(address, port).syncUninterruptibly().channel();
        tls = channel.pipeline().get(SslHandler.class);
        if (!tls.handshakeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS) || !tls.handshakeFuture().isSuccess()) {
            throw new IllegalStateException("no TLS handshake with " + address + ":" + port, tls.handshakeFuture().cause());
        }
    }

    void send(String text) {
        channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII)).syncUninterruptibly();
    }

    /** A TCP half-close: FIN, without close_notify. */
    void shutdownOutput() {
        ((DuplexChannel) channel).shutdownOutput().syncUninterruptibly();
    }

    /** Waits (at most five seconds) for the connection to end: by close_notify, or by TCP alone. */
    Ending awaitEnd() {
        boolean ended = tls.sslCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS)
                || channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (!ended) {
            throw new IllegalStateException("the connection did not end within five seconds");
        }
        synchronized (received) {
            return new Ending(received.toString(StandardCharsets.US_ASCII), tls.sslCloseFuture().isSuccess());
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
