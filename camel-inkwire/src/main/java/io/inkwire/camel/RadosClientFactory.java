package io.inkwire.camel;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.config.CephArgs;
import io.inkwire.config.CephConfFile;
import io.inkwire.config.KeyringException;
import io.inkwire.config.Keyrings;
import io.inkwire.config.MonHosts;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Connects a {@link RadosClient} from connection settings the way the {@code ceph} CLI resolves
 * its own (io.inkwire.cli's CliContext): ceph.conf ({@code conf}, else {@code $CEPH_CONF}, else
 * Ceph's search path) for the entity's sections, then {@code CEPH_ARGS}, then the explicit
 * options. The transport, auth methods, modes and codecs are the ones {@link ServiceLoader}
 * finds beside this class (outside OSGi; in OSGi use the RadosClient service instead).
 */
final class RadosClientFactory {

    private final Map<String, String> env;

    RadosClientFactory(Map<String, String> env) {
        this.env = env;
    }

    RadosClient connect(RadosConnectionSettings s) throws Exception {
        CephArgs fromEnv = CephArgs.parse(List.of(), env.getOrDefault("CEPH_ARGS", ""));
        EntityName entity = entity(s, fromEnv);
        CephConfig overrides = fromEnv.options().withAll(CephConfig.of(s.options()));
        if (s.keyring() != null) {
            overrides = overrides.with("keyring", s.keyring());
        }
        if (s.monHost() != null) {
            overrides = overrides.with("mon_host", s.monHost());
        }
        String confOption = s.conf() != null ? s.conf() : fromEnv.conf().orElse(null);
        CephConfFile conf = CephConfFile.empty();
        Optional<Path> confPath = CephConfFile.locate(confOption, overrides.getString("cluster", "ceph"), env);
        if (confOption != null && confPath.isEmpty()) {
            throw new IOException("cannot read configuration file " + confOption + ": no such file");
        }
        if (confPath.isPresent()) {
            if (!Files.isReadable(confPath.get())) {
                throw new IOException("cannot read configuration file " + confPath.get());
            }
            conf = CephConfFile.read(confPath.get());
        }
        CephConfig options = conf.resolve(entity, overrides);

        String monHost = options.getString("mon_host", "");
        if (monHost.isBlank()) {
            throw new IllegalArgumentException("no monitors: set monHost, or conf (or $CEPH_CONF) to a ceph.conf with mon_host");
        }
        List<EntityAddrVec> mons = new ArrayList<>();
        MonHosts.parse(monHost).forEach(m -> mons.add(m.addrs()));

        // as the CLI: a missing keyring only matters when authentication needs a key
        Keyring keyring;
        KeyringException keyringError = null;
        try {
            keyring = Keyrings.resolve(options, entity);
        } catch (KeyringException e) {
            keyring = Keyring.empty();
            keyringError = e;
        }
        MessengerConfig config = MessengerConfig.builder(entity).options(options).keyring(keyring)
                .authProviders(load(AuthProvider.class)).modes(load(ConnectionMode.class)).codecs(codecs()).build();
        Duration mountTimeout = Duration.ofMillis((long) (options.getSeconds("client_mount_timeout", 300) * 1000));
        try {
            return Rados.connect(transport(), config, mons, mountTimeout);
        } catch (Exception e) {
            if (keyringError != null) {
                e.addSuppressed(keyringError);
                throw new IOException("cannot connect to " + monHost + " as " + entity + ": " + e.getMessage()
                        + " (and no keyring: " + keyringError.getMessage() + ")", e);
            }
            throw new IOException("cannot connect to " + monHost + " as " + entity + ": " + e.getMessage(), e);
        }
    }

    private static EntityName entity(RadosConnectionSettings s, CephArgs fromEnv) {
        if (s.name() != null) {
            return EntityName.parse(s.name());
        }
        if (s.id() != null) {
            return new EntityName(EntityType.CLIENT, s.id());
        }
        return fromEnv.entityName().orElse(EntityName.CLIENT_ADMIN);
    }

    private static MessengerFactory transport() {
        return ServiceLoader.load(MessengerFactory.class, RadosClientFactory.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no inkwire transport on the class path (io.inkwire.transport.netty missing)"));
    }

    private static MessageCodecs codecs() {
        List<MessageCodec<?>> out = new ArrayList<>();
        ServiceLoader.load(MessageCodec.class, RadosClientFactory.class.getClassLoader()).forEach(out::add);
        return MessageCodecs.of(out);
    }

    private static <T> List<T> load(Class<T> type) {
        List<T> out = new ArrayList<>();
        ServiceLoader.load(type, RadosClientFactory.class.getClassLoader()).forEach(out::add);
        return out;
    }
}
