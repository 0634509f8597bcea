package net.gatehouse.appliance.dataplane.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Mapping;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What TLS one virtual server does, as of one snapshot: its client-ssl profiles (one chosen per
 * connection by the client's SNI name, the {@code sni-default} profile otherwise) and its server-ssl
 * profile, or why a profile it names cannot be used.
 */
public final class VirtualTls {

    private final Mapping<String, SslContext> clientSide;
    private final SslContext serverSide;
    private final String serverName;
    private final String unusable;

    VirtualTls(Mapping<String, SslContext> clientSide, SslContext serverSide, String serverName, String unusable) {
        this.clientSide = clientSide;
        this.serverSide = serverSide;
        this.serverName = serverName;
        this.unusable = unusable;
    }

    /** Why the virtual's TLS cannot be carried (its connections are refused), if so. */
    public Optional<String> unusable() {
        return Optional.ofNullable(unusable);
    }

    public boolean terminates() {
        return clientSide != null;
    }

    public boolean reencrypts() {
        return serverSide != null;
    }

    /**
     * The first handler of a client connection: with client-ssl, an {@link SniHandler} that reads the
     * ClientHello's SNI name and becomes that profile's SslHandler, and a gate that holds the
     * connection back from the virtual until the handshake is done; when a profile is unusable, one
     * that resets the connection; nothing otherwise. A failed handshake is told to {@code failed},
     * which says whether the connection is reset (after the TLS alert) or only closed.
     */
    public Optional<ChannelHandler> clientSideHandler(Predicate<Throwable> failed) {
        if (unusable != null) {
            return Optional.of(new Refusal());
        }
        if (clientSide == null) {
            return Optional.empty();
        }
        return Optional.of(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new SniHandler(clientSide), new HandshakeGate(failed));
            }
        });
    }

    /**
     * The server side's handlers: with server-ssl, an SslHandler (sending the profile's
     * {@code server-name} as SNI) before {@code next}; {@code next} alone otherwise.
     */
    public ChannelHandler serverSideHandlers(InetSocketAddress member, ChannelHandler next) {
        if (serverSide == null) {
            return next;
        }
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                SslHandler ssl = serverName == null ? serverSide.newHandler(channel.alloc())
                        : serverSide.newHandler(channel.alloc(), serverName, member.getPort());
                channel.pipeline().addLast(ssl, next);
            }
        };
    }

    /** Resets a client connection whose virtual's TLS cannot be carried. */
    private static final class Refusal extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        }
    }
}
