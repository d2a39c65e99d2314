package io.inkwire.osgi;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.mode.ConnectionMode;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The providers installed right now: auth methods, connection modes, message codecs and
 * transports, tracked whiteboard-style as their bundles start and stop. An OSGi service.
 */
@ProviderType
public interface InkwireProviders {

    /** Auth providers, best service ranking first. */
    List<AuthProvider> authProviders();

    /** Connection modes, best service ranking first. */
    List<ConnectionMode> modes();

    /** Message codecs. */
    List<MessageCodec<?>> codecs();

    /** Transports. */
    List<MessengerFactory> transports();

    /** The transport with this name ({@code netty}). */
    default Optional<MessengerFactory> transport(String name) {
        return transports().stream().filter(t -> t.transport().equals(name)).findFirst();
    }

    /**
     * A messenger configuration for {@code name} whose auth providers and modes are live: every
     * new connection offers what is installed at that moment. Codecs are those installed now.
     */
    MessengerConfig.Builder messengerConfig(EntityName name);

    /**
     * Calls {@code listener} when a provider goes away (after it left the lists).
     *
     * @return a handle that removes the listener
     */
    AutoCloseable onWithdrawn(WithdrawalListener listener);

    /** Told when an auth method or a connection mode is withdrawn. */
    @FunctionalInterface
    interface WithdrawalListener {

        /**
         * @param kind {@code auth} or {@code mode}
         * @param name the method or mode name
         */
        void withdrawn(String kind, String name);
    }
}
