package net.gatehouse.appliance.health;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * {@code icmp} and {@code gateway-icmp}. A real ICMP echo needs a raw socket or a Linux ping socket
 * ({@code SOCK_DGRAM}/{@code IPPROTO_ICMP}); the JDK opens neither, and Gatehouse carries no native
 * code. So the check is not possible here and the member is {@code unknown} with that reason — never
 * {@code InetAddress.isReachable} (which silently falls back to TCP port 7) nor a {@code ping} process.
 */
final class IcmpProbe implements Probe {

    static final String REASON = "ICMP echo not possible: this process cannot open an ICMP socket"
            + " (the JDK has no raw or ping sockets)";

    @Override
    public CompletableFuture<ProbeResult> run(MonitorSpec spec, InetSocketAddress target, EventLoop loop) {
        return CompletableFuture.completedFuture(ProbeResult.notPossible(REASON));
    }
}
