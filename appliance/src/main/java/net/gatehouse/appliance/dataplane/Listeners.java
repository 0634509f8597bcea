package net.gatehouse.appliance.dataplane;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.view.LtmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening sockets, one per virtual server. A commit closes the sockets of deleted virtuals
 * and of virtuals whose destination changed, then binds what is new; a virtual whose destination
 * did not change keeps its socket (and a virtual that could not listen tries again). Closing a
 * listening socket does not touch the connections it accepted: they finish on their own.
 */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private static final long BIND_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup loops;
    private final DataPlaneContext context;
    private final ListenerHandler listenerHandler;
    private final Map<String, Bound> bound = new HashMap<>();

    /** A virtual's listening socket and the destination it was bound for. */
    private record Bound(String destination, Channel channel) {
    }

    Listeners(EventLoopGroup loops, DataPlaneContext context) {
        this.loops = loops;
        this.context = context;
        this.listenerHandler = new ListenerHandler(context);
    }

    void apply(LtmView view, RuntimeRegistry registry) {
        for (Map.Entry<String, Bound> entry : Map.copyOf(bound).entrySet()) {
            LtmView.Virtual virtual = view.virtuals().get(entry.getKey());
            if (virtual == null || !destination(virtual).equals(entry.getValue().destination())
                    || unsupported(virtual) != null) {
                entry.getValue().channel().close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                bound.remove(entry.getKey());
                LOG.info("{} stopped listening on {}", entry.getKey(), entry.getValue().destination());
            }
        }
        for (LtmView.Virtual virtual : view.virtuals().values()) {
            if (!bound.containsKey(virtual.fullPath())) {
                listen(virtual, registry.virtualState(virtual.fullPath()));
            }
        }
    }

    private void listen(LtmView.Virtual virtual, VirtualState state) {
        String unsupported = unsupported(virtual);
        if (unsupported != null) {
            state.cannotListen(unsupported);
            return;
        }
        String destination = destination(virtual);
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(IpLiterals.parse(virtual.address()), virtual.port());
        } catch (IllegalArgumentException e) {
            state.cannotListen("The destination " + destination + " is not an address this host can use");
            return;
        }
        ChannelFuture binding = new ServerBootstrap()
                .group(loops)
                .channelFactory(context.transport().servers())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .handler(listenerHandler)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        context.tls().virtual(state.fullPath())
                                .flatMap(tls -> tls.clientSideHandler(failure ->
                                        HandshakeFailures.failed(context, state.fullPath(), channel, failure)))
                                .ifPresent(channel.pipeline()::addLast);
                        VirtualState.Plan plan = state.plan();
                        if (plan.virtual().http().isPresent()) {
                            HttpResponseWriter writer = new HttpResponseWriter();
                            HttpSession session = new HttpSession(context, state, plan, context.httpSystem(), writer);
                            channel.pipeline().addLast(new ByteCounter(session::countFromClient),
                                    new StrictRequestDecoder(plan.virtual().http().get().maxHeaderSize()), writer,
                                    session);
                        } else {
                            channel.pipeline().addLast(new ClientSideHandler(context, state));
                        }
                    }
                })
                .bind(address);
        if (!binding.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            binding.cancel(false);
            state.cannotListen("Binding " + destination + " did not finish in " + BIND_TIMEOUT_SECONDS + " seconds");
            return;
        }
        if (!binding.isSuccess()) {
            String reason = "Cannot listen on " + destination + ": " + osMessage(binding.cause());
            state.cannotListen(reason);
            LOG.warn("{}: {}", virtual.fullPath(), reason);
            return;
        }
        bound.put(virtual.fullPath(), new Bound(destination, binding.channel()));
        state.listening();
        LOG.info("{} listening on {}", virtual.fullPath(), destination);
    }

    /** The operating system's words ("Address already in use"), without the native transport's call prefix. */
    private static String osMessage(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return message.replaceFirst("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "");
    }

    /** Why this data plane does not carry the virtual at all, or null. */
    private String unsupported(LtmView.Virtual virtual) {
        // Gatehouse runs a small subset of iRules: rather than route traffic without a rule it
        // cannot run, the virtual takes none, and says which rule and which commands.
        Optional<String> rules = context.rules(virtual.fullPath()).refusal();
        if (rules.isPresent()) {
            return rules.get();
        }
        if (virtual.port() == 0) {
            return "A virtual server on any port (destination port 0) is not carried by this data plane";
        }
        if (!virtual.mask().equals("255.255.255.255") && !virtual.mask().equals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            return "A network virtual server (mask " + virtual.mask() + ") is not carried by this data plane";
        }
        if (!virtual.ipProtocol().equals("tcp") && !virtual.ipProtocol().equals("any")) {
            return "ip-protocol " + virtual.ipProtocol() + " is not carried by this data plane (tcp only)";
        }
        return null;
    }

    private static String destination(LtmView.Virtual virtual) {
        return virtual.address() + (virtual.address().contains(":") ? "." : ":") + virtual.port();
    }

    void closeAll() {
        bound.values().forEach(b -> b.channel().close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        bound.clear();
    }
}
