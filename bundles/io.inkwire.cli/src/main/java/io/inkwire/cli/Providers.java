package io.inkwire.cli;

import io.inkwire.api.MessengerFactory;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.mode.ConnectionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Every provider on the module path (or class path), found with {@link ServiceLoader}. */
final class Providers {

    final MessengerFactory transport;
    final List<AuthProvider> auth;
    final List<ConnectionMode> modes;
    final MessageCodecs codecs;

    Providers() {
        this.transport = ServiceLoader.load(MessengerFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no transport installed (io.inkwire.transport.netty missing)"));
        this.auth = load(AuthProvider.class);
        this.modes = load(ConnectionMode.class);
        List<MessageCodec<?>> codecs = new ArrayList<>();
        for (MessageCodec<?> c : ServiceLoader.load(MessageCodec.class)) {
            codecs.add(c);
        }
        this.codecs = MessageCodecs.of(codecs);
    }

    private static <T> List<T> load(Class<T> type) {
        List<T> out = new ArrayList<>();
        ServiceLoader.load(type).forEach(out::add);
        return out;
    }

    boolean hasAuth(String name) {
        return auth.stream().anyMatch(a -> a.name().equals(name));
    }

    boolean hasMode(String name) {
        return modes.stream().anyMatch(m -> m.name().equals(name));
    }
}
