package net.gatehouse.appliance.health;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** One kind of active check. A probe never throws: every failure is a {@link ProbeResult}. */
interface Probe {

    /** Checks {@code target} once on {@code loop}; the result is complete by the spec's probe deadline. */
    CompletableFuture<ProbeResult> run(MonitorSpec spec, InetSocketAddress target, EventLoop loop);
}
