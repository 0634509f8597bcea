package net.gatehouse.appliance.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code udp}: sends the send string to the member. With {@code recv}, an answer must match; without,
 * the member is up unless the host answers "port unreachable" before the probe's deadline.
 */
final class DatagramProbe implements Probe {

    private final ProbeTransport transport;

    DatagramProbe(ProbeTransport transport) {
        this.transport = transport;
    }

    @Override
    public CompletableFuture<ProbeResult> run(MonitorSpec spec, InetSocketAddress target, EventLoop loop) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        Optional<Pattern> recv = spec.recvPattern();
        Optional<Pattern> recvDisable = spec.recvDisablePattern();
        boolean expectsAnswer = recv.isPresent() || recvDisable.isPresent();
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.datagramChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                                String answer = packet.content().toString(StandardCharsets.ISO_8859_1);
                                if (recvDisable.isPresent() && recvDisable.get().matcher(answer).find()) {
                                    result.complete(ProbeResult.disable());
                                } else if (recv.isEmpty() || recv.get().matcher(answer).find()) {
                                    result.complete(ProbeResult.success());
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                result.complete(ProbeResult.failure(cause instanceof PortUnreachableException
                                        ? "Port unreachable" : "Unable to send; " + cause.getMessage()));
                            }
                        });
                    }
                });
        ChannelFuture connect = bootstrap.connect(target);
        Channel channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(ProbeResult.failure("Unable to send; " + f.cause().getMessage()));
                return;
            }
            channel.writeAndFlush(Unpooled.copiedBuffer(spec.send(), StandardCharsets.ISO_8859_1))
                    .addListener(w -> {
                        if (!w.isSuccess()) {
                            result.complete(ProbeResult.failure("Unable to send; " + w.cause().getMessage()));
                        }
                    });
        });
        var timer = loop.schedule(() -> result.complete(expectsAnswer
                ? ProbeResult.failure("No successful responses received before deadline.")
                : ProbeResult.success()), Math.max(1, spec.timing().probeDeadline().toMillis()), TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> {
            timer.cancel(false);
            channel.close();
        });
        return result;
    }
}
