package net.gatehouse.appliance.dataplane;

import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The socket layer: native epoll where it loads, Java NIO otherwise. */
record Transport(String name, boolean epoll, IoHandlerFactory ioHandlers,
        ChannelFactory<? extends ServerChannel> servers, ChannelFactory<? extends SocketChannel> sockets) {

    static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", true, EpollIoHandler.newFactory(), EpollServerSocketChannel::new,
                    EpollSocketChannel::new);
        }
        return new Transport("nio", false, NioIoHandler.newFactory(), NioServerSocketChannel::new,
                NioSocketChannel::new);
    }

    /** Why epoll is not used, for the boot log; empty when it is. */
    static String epollUnavailability() {
        return Epoll.isAvailable() ? "" : String.valueOf(Epoll.unavailabilityCause());
    }

    MultiThreadIoEventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlers);
    }
}
