package net.gatehouse.appliance.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The TCP family: {@code tcp} (connect, optional send and recv), {@code tcp-half-open} (connect and
 * reset), {@code http} and {@code https} (send the request, search the first 5,120 bytes of the
 * response for {@code recv-disable} and {@code recv}).
 */
final class StreamProbe implements Probe {

    /** BIG-IP searches this much of a response. */
    static final int RECEIVE_LIMIT = 5120;

    private final ProbeTransport transport;
    private final boolean halfOpen;
    private final TlsSettings tls;

    private StreamProbe(ProbeTransport transport, boolean halfOpen, TlsSettings tls) {
        this.transport = transport;
        this.halfOpen = halfOpen;
        this.tls = tls;
    }

    static StreamProbe tcp(ProbeTransport transport) {
        return new StreamProbe(transport, false, null);
    }

    static StreamProbe halfOpen(ProbeTransport transport) {
        return new StreamProbe(transport, true, null);
    }

    static StreamProbe https(ProbeTransport transport, TlsSettings tls) {
        return new StreamProbe(transport, false, tls);
    }

    @Override
    public CompletableFuture<ProbeResult> run(MonitorSpec spec, InetSocketAddress target, EventLoop loop) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        long deadlineMillis = Math.max(1, spec.timing().probeDeadline().toMillis());
        String request = request(spec);
        Optional<SslContext> ssl;
        try {
            ssl = tls == null ? Optional.empty() : Optional.of(tls.context(spec));
        } catch (RuntimeException e) {
            result.complete(ProbeResult.failure("SSL settings refused: " + e.getMessage()));
            return result;
        }
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, deadlineMillis))
                .option(ChannelOption.AUTO_READ, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ssl.ifPresent(context -> channel.pipeline().addLast(
                                context.newHandler(channel.alloc(), sniHost(spec, target), target.getPort())));
                        channel.pipeline().addLast(new ResponseHandler(spec, request, result, ssl.isPresent()));
                    }
                });
        if (halfOpen) {
            bootstrap.option(ChannelOption.SO_LINGER, 0);
        }
        ChannelFuture connect = bootstrap.connect(target);
        Channel channel = connect.channel();
        var timer = loop.schedule(() -> {
            result.complete(ProbeResult.failure("No successful responses received before deadline."));
            channel.close();
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(ProbeResult.failure("Unable to connect"));
            } else if (halfOpen) {
                result.complete(ProbeResult.success());
                channel.close();
            }
        });
        result.whenComplete((r, e) -> {
            timer.cancel(false);
            channel.close();
        });
        return result;
    }

    /** The send string, with an {@code Authorization} header when a username is set (http, https). */
    static String request(MonitorSpec spec) {
        String send = spec.send();
        String username = spec.word("username");
        if (username.isEmpty() || send.isEmpty()) {
            return send;
        }
        int endOfLine = send.indexOf("\r\n");
        if (endOfLine < 0) {
            return send;
        }
        String credentials = Base64.getEncoder().encodeToString(
                (username + ":" + spec.word("password")).getBytes(StandardCharsets.ISO_8859_1));
        return send.substring(0, endOfLine + 2) + "Authorization: Basic " + credentials + "\r\n"
                + send.substring(endOfLine + 2);
    }

    /** The server name sent in SNI: the Host header of the send string, else none (the address). */
    static String sniHost(MonitorSpec spec, InetSocketAddress target) {
        for (String line : spec.send().split("\r\n")) {
            if (line.regionMatches(true, 0, "Host:", 0, 5)) {
                String host = line.substring(5).trim();
                int colon = host.lastIndexOf(':');
                return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
            }
        }
        return target.getHostString();
    }

    /** Sends the request once connected (after the TLS handshake for https) and reads the answer. */
    private static final class ResponseHandler extends ChannelInboundHandlerAdapter {
        private final MonitorSpec spec;
        private final String request;
        private final CompletableFuture<ProbeResult> result;
        private final boolean waitForHandshake;
        private final Optional<Pattern> recv;
        private final Optional<Pattern> recvDisable;
        private final StringBuilder received = new StringBuilder();

        ResponseHandler(MonitorSpec spec, String request, CompletableFuture<ProbeResult> result,
                boolean waitForHandshake) {
            this.spec = spec;
            this.request = request;
            this.result = result;
            this.waitForHandshake = waitForHandshake;
            this.recv = spec.recvPattern();
            this.recvDisable = spec.recvDisablePattern();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (!waitForHandshake) {
                connected(ctx);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    connected(ctx);
                } else {
                    result.complete(ProbeResult.failure("SSL handshake failed: " + handshake.cause().getMessage()));
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        private void connected(ChannelHandlerContext ctx) {
            boolean expectsAnswer = recv.isPresent() || recvDisable.isPresent() || isHttp();
            if (!request.isEmpty()) {
                ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
            }
            if (!expectsAnswer) {
                result.complete(ProbeResult.success());
            }
        }

        private boolean isHttp() {
            return spec.type().equals("http") || spec.type().equals("https");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            try {
                int room = RECEIVE_LIMIT - received.length();
                if (room > 0) {
                    received.append(data.toString(data.readerIndex(), Math.min(room, data.readableBytes()),
                            StandardCharsets.ISO_8859_1));
                }
            } finally {
                data.release();
            }
            judge(false);
            if (received.length() >= RECEIVE_LIMIT) {
                judge(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            judge(true);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.complete(ProbeResult.failure("Unable to connect; " + cause.getMessage()));
            ctx.close();
        }

        /** Decides as soon as a pattern matches; at the end of the answer, a missing match is a failure. */
        private void judge(boolean ended) {
            if (result.isDone()) {
                return;
            }
            if (recvDisable.isPresent() && recvDisable.get().matcher(received).find()) {
                result.complete(ProbeResult.disable());
            } else if (recv.isPresent() && recv.get().matcher(received).find()) {
                result.complete(ProbeResult.success());
            } else if (recv.isEmpty() && received.length() > 0 && (ended || recvDisable.isEmpty())) {
                result.complete(ProbeResult.success());
            } else if (ended) {
                result.complete(ProbeResult.failure(received.length() == 0 ? "No response received"
                        : "Response did not match the recv string"));
            }
        }
    }
}
