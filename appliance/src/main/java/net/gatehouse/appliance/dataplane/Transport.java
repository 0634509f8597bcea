package net.gatehouse.appliance.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.Optional;

/**
 * The socket layer the data plane runs on: Linux io_uring, native epoll, or Java NIO. The launcher
 * property {@value #PROPERTY} chooses one ({@code io_uring}, {@code epoll}, {@code nio}); without it
 * (or with {@code auto}) the data plane takes io_uring where the kernel allows it, epoll where that
 * loads, and NIO otherwise. A transport that was asked for and does not load falls back the same
 * way, and the boot log says why. io_uring submits the reads and writes of a whole event-loop turn
 * in one system call, where epoll makes one call per read and per write (docs/benchmarks.md).
 */
enum Transport {
    IO_URING("io_uring") {
        @Override
        boolean available() {
            return IoUring.isAvailable();
        }

        @Override
        String unavailability() {
            return String.valueOf(IoUring.unavailabilityCause());
        }

        @Override
        IoHandlerFactory ioHandlers() {
            return IoUringIoHandler.newFactory();
        }

        @Override
        ChannelFactory<? extends ServerChannel> servers() {
            return IoUringServerSocketChannel::new;
        }

        @Override
        ChannelFactory<? extends SocketChannel> sockets() {
            return IoUringSocketChannel::new;
        }

        @Override
        boolean bindsAnyAddress() {
            return true;
        }

        @Override
        void bindWithoutPort(Bootstrap bootstrap, boolean transparent) {
            bootstrap.option(IP_BIND_ADDRESS_NO_PORT, 1);
            if (transparent) {
                bootstrap.option(IoUringChannelOption.IP_TRANSPARENT, true);
            }
        }
    },
    EPOLL("epoll") {
        @Override
        boolean available() {
            return Epoll.isAvailable();
        }

        @Override
        String unavailability() {
            return String.valueOf(Epoll.unavailabilityCause());
        }

        @Override
        IoHandlerFactory ioHandlers() {
            return EpollIoHandler.newFactory();
        }

        @Override
        ChannelFactory<? extends ServerChannel> servers() {
            return EpollServerSocketChannel::new;
        }

        @Override
        ChannelFactory<? extends SocketChannel> sockets() {
            return EpollSocketChannel::new;
        }

        @Override
        boolean bindsAnyAddress() {
            return true;
        }

        @Override
        void bindWithoutPort(Bootstrap bootstrap, boolean transparent) {
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
            if (transparent) {
                bootstrap.option(EpollChannelOption.IP_TRANSPARENT, true);
            }
        }
    },
    NIO("nio") {
        @Override
        boolean available() {
            return true;
        }

        @Override
        String unavailability() {
            return "";
        }

        @Override
        IoHandlerFactory ioHandlers() {
            return NioIoHandler.newFactory();
        }

        @Override
        ChannelFactory<? extends ServerChannel> servers() {
            return NioServerSocketChannel::new;
        }

        @Override
        ChannelFactory<? extends SocketChannel> sockets() {
            return NioSocketChannel::new;
        }

        @Override
        boolean bindsAnyAddress() {
            return false;
        }

        @Override
        void bindWithoutPort(Bootstrap bootstrap, boolean transparent) {
        }
    };

    /** Linux's IP_BIND_ADDRESS_NO_PORT (level IPPROTO_IP), which io_uring's options do not name. */
    private static final IntegerUnixChannelOption IP_BIND_ADDRESS_NO_PORT =
            new IntegerUnixChannelOption("IP_BIND_ADDRESS_NO_PORT", 0, 24);

    /** The launcher property that chooses the transport. */
    static final String PROPERTY = "gatehouse.transport";

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract boolean available();

    /** Why this transport does not load; empty when it does. */
    abstract String unavailability();

    abstract IoHandlerFactory ioHandlers();

    abstract ChannelFactory<? extends ServerChannel> servers();

    abstract ChannelFactory<? extends SocketChannel> sockets();

    /** Whether a server-side socket can bind an address that is not on this host (IP_TRANSPARENT). */
    abstract boolean bindsAnyAddress();

    /**
     * Options for a server-side connection bound to a chosen source address: where the transport
     * allows it, the port is left to {@code connect} (IP_BIND_ADDRESS_NO_PORT), so source ports
     * are shared across destinations; {@code transparent} binds a client's address that is not on
     * this host.
     */
    abstract void bindWithoutPort(Bootstrap bootstrap, boolean transparent);

    MultiThreadIoEventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlers());
    }

    /**
     * The transport {@code requested} names if it loads, else the first that loads in the order of
     * preference (the order of declaration).
     */
    static Transport choose(Optional<String> requested) {
        String name = requested.map(value -> value.trim().toLowerCase(Locale.ROOT)).orElse("auto");
        for (Transport transport : values()) {
            if (transport.label.equals(name) && transport.available()) {
                return transport;
            }
        }
        for (Transport transport : values()) {
            if (transport.available()) {
                return transport;
            }
        }
        return NIO;
    }

    /** Why the transport {@code name} is not used: it does not load here, or there is none of that name. */
    static String unavailabilityOf(String name) {
        for (Transport transport : values()) {
            if (transport.label.equalsIgnoreCase(name.trim())) {
                return transport.unavailability();
            }
        }
        return "no such transport (epoll, io_uring, nio or auto)";
    }
}
