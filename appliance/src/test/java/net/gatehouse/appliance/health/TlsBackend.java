package net.gatehouse.appliance.health;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A real HTTPS backend on 127.0.0.1 with a self-signed certificate: it asks for (but does not
 * require) a client certificate, and remembers the last SNI name and client certificate subject.
 */
final class TlsBackend implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SelfSignedCertificate certificate;
    private final Channel server;
    private final AtomicReference<String> sni = new AtomicReference<>("");
    private final AtomicReference<String> clientSubject = new AtomicReference<>("");

    @SuppressWarnings("deprecation")
    TlsBackend() throws CertificateException, SSLException, InterruptedException {
        certificate = new SelfSignedCertificate("backend.test");
        SslContext context = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
                .trustManager(InsecureTrustManagerFactory.INSTANCE).clientAuth(ClientAuth.OPTIONAL).build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new SniHandler(host -> {
                            sni.set(host == null ? "" : host);
                            return context;
                        }));
                        channel.pipeline().addLast(new Answer());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String member() {
        return "127.0.0.1:" + port();
    }

    String lastSni() {
        return sni.get();
    }

    String lastClientSubject() {
        return clientSubject.get();
    }

    /** Answers every request once the request head has arrived. */
    private final class Answer extends ChannelInboundHandlerAdapter {
        private final StringBuilder request = new StringBuilder();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            request.append(data.toString(StandardCharsets.ISO_8859_1));
            data.release();
            if (request.indexOf("\r\n\r\n") < 0) {
                return;
            }
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            try {
                clientSubject.set(ssl.engine().getSession().getPeerPrincipal().getName());
            } catch (SSLPeerUnverifiedException none) {
                clientSubject.set("");
            }
            ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.0 200 OK\r\n\r\nsecure hello", StandardCharsets.ISO_8859_1))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        certificate.delete();
    }
}
