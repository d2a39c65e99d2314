package io.inkwire.transport.netty;

import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.transport.netty.internal.NettyMessenger;
import org.osgi.service.component.annotations.Component;

/** Creates messengers that run on Netty. Each messenger owns its event loop group (threads = cores, at most). */
@Component(service = MessengerFactory.class, property = "inkwire.transport=netty")
public final class NettyMessengerFactory implements MessengerFactory {

    @Override
    public String transport() {
        return "netty";
    }

    @Override
    public Messenger create(MessengerConfig config) {
        return new NettyMessenger(config);
    }
}
