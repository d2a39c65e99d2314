package io.inkwire.api;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.mode.ConnectionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a messenger is made of: its identity, the Ceph options, the providers it may use
 * and the dispatcher it reports to. Immutable; build with {@link #builder(EntityName)}.
 */
public final class MessengerConfig {

    private final EntityName name;
    private final CephConfig options;
    private final Keyring keyring;
    private final List<AuthProvider> authProviders;
    private final List<ConnectionMode> modes;
    private final Supplier<? extends List<? extends AuthProvider>> liveAuthProviders;
    private final Supplier<? extends List<? extends ConnectionMode>> liveModes;
    private final MessageCodecs codecs;
    private final Dispatcher dispatcher;
    private final Function<EntityType, ConnectionPolicy> policies;

    private MessengerConfig(Builder b) {
        this.name = b.name;
        this.options = b.options;
        this.keyring = b.keyring;
        this.authProviders = List.copyOf(b.authProviders);
        this.modes = List.copyOf(b.modes);
        this.liveAuthProviders = b.liveAuthProviders;
        this.liveModes = b.liveModes;
        this.codecs = b.codecs;
        this.dispatcher = b.dispatcher;
        this.policies = b.policies;
    }

    public static Builder builder(EntityName name) {
        return new Builder(name);
    }

    /** A builder holding this configuration, to derive a variant (another dispatcher, more options). */
    public Builder toBuilder() {
        Builder b = new Builder(name).options(options).keyring(keyring).authProviders(authProviders).modes(modes).codecs(codecs)
                .dispatcher(dispatcher);
        b.policies = policies;
        b.liveAuthProviders = liveAuthProviders;
        b.liveModes = liveModes;
        return b;
    }

    public EntityName name() {
        return name;
    }

    public CephConfig options() {
        return options;
    }

    public Keyring keyring() {
        return keyring;
    }

    /** The auth providers: the fixed list, or the live source's current list when one was set. */
    public List<AuthProvider> authProviders() {
        return liveAuthProviders == null ? authProviders : List.copyOf(liveAuthProviders.get());
    }

    /** The connection modes: the fixed list, or the live source's current list when one was set. */
    public List<ConnectionMode> modes() {
        return liveModes == null ? modes : List.copyOf(liveModes.get());
    }

    public MessageCodecs codecs() {
        return codecs;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The policy for sessions with a peer of this type. */
    public ConnectionPolicy policy(EntityType peerType) {
        return policies.apply(peerType);
    }

    /** Builds a {@link MessengerConfig}. */
    public static final class Builder {
        private final EntityName name;
        private CephConfig options = CephConfig.empty();
        private Keyring keyring = Keyring.empty();
        private final List<AuthProvider> authProviders = new ArrayList<>();
        private final List<ConnectionMode> modes = new ArrayList<>();
        private MessageCodecs codecs = MessageCodecs.of(List.of());
        private Dispatcher dispatcher = (c, m) -> { };
        private Function<EntityType, ConnectionPolicy> policies;
        private Supplier<? extends List<? extends AuthProvider>> liveAuthProviders;
        private Supplier<? extends List<? extends ConnectionMode>> liveModes;

        private Builder(EntityName name) {
            this.name = Objects.requireNonNull(name, "name");
            // Ceph's defaults: clients are lossy towards everyone; daemons serve clients statelessly
            boolean client = name.type() == EntityType.CLIENT;
            this.policies = peer -> client ? ConnectionPolicy.lossyClient()
                    : peer == EntityType.CLIENT ? ConnectionPolicy.statelessServer() : ConnectionPolicy.losslessPeer();
        }

        public Builder options(CephConfig o) {
            this.options = Objects.requireNonNull(o);
            return this;
        }

        public Builder keyring(Keyring k) {
            this.keyring = Objects.requireNonNull(k);
            return this;
        }

        public Builder authProviders(List<? extends AuthProvider> providers) {
            this.authProviders.addAll(providers);
            return this;
        }

        public Builder authProvider(AuthProvider p) {
            this.authProviders.add(p);
            return this;
        }

        /**
         * A live source of auth providers, asked again for every connection (OSGi services that
         * come and go); it replaces the fixed list.
         */
        public Builder liveAuthProviders(Supplier<? extends List<? extends AuthProvider>> source) {
            this.liveAuthProviders = Objects.requireNonNull(source);
            return this;
        }

        /** A live source of connection modes, asked again for every connection; it replaces the fixed list. */
        public Builder liveModes(Supplier<? extends List<? extends ConnectionMode>> source) {
            this.liveModes = Objects.requireNonNull(source);
            return this;
        }

        public Builder modes(List<? extends ConnectionMode> m) {
            this.modes.addAll(m);
            return this;
        }

        public Builder mode(ConnectionMode m) {
            this.modes.add(m);
            return this;
        }

        public Builder codecs(MessageCodecs c) {
            this.codecs = Objects.requireNonNull(c);
            return this;
        }

        public Builder dispatcher(Dispatcher d) {
            this.dispatcher = Objects.requireNonNull(d);
            return this;
        }

        public Builder policies(Function<EntityType, ConnectionPolicy> p) {
            this.policies = Objects.requireNonNull(p);
            return this;
        }

        public MessengerConfig build() {
            return new MessengerConfig(this);
        }
    }
}
