/** The Netty TCP transport: a {@link io.inkwire.api.MessengerFactory}. */
module io.inkwire.transport.netty {
    requires io.inkwire.protocol;
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.transport.classes.epoll;
    requires static org.osgi.service.component.annotations;

    exports io.inkwire.transport.netty;

    provides io.inkwire.api.MessengerFactory with io.inkwire.transport.netty.NettyMessengerFactory;
}
