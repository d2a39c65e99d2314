package io.inkwire.cli;

import io.inkwire.api.Dispatcher;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.config.CephArgs;
import io.inkwire.config.CephConfFile;
import io.inkwire.config.KeyringException;
import io.inkwire.config.Keyrings;
import io.inkwire.config.MonHosts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a command runs with, resolved as the {@code ceph} CLI resolves it: ceph.conf
 * ({@code -c}, else {@code $CEPH_CONF}, else /etc/ceph/ceph.conf) for the entity's sections, then
 * {@code CEPH_ARGS}, then the command line.
 */
final class CliContext {

    final CliArgs args;
    final EntityName entity;
    final CephConfig options;
    final Providers providers;
    final PrintStream err;
    private Keyring keyring;
    private KeyringException keyringError;

    CliContext(CliArgs args, Map<String, String> env, PrintStream err) throws IOException {
        this.args = args;
        this.err = err;
        this.providers = new Providers();
        EntityName name = EntityName.CLIENT_ADMIN;
        if (args.name != null) {
            name = EntityName.parse(args.name);
        } else if (args.id != null) {
            name = new EntityName(EntityType.CLIENT, args.id);
        }
        CephArgs fromEnv = CephArgs.parse(List.of(), env.getOrDefault("CEPH_ARGS", ""));
        if (args.name == null && args.id == null && fromEnv.entityName().isPresent()) {
            name = fromEnv.entityName().get();
        }
        this.entity = name;

        CephConfig overrides = fromEnv.options().withAll(CephConfig.of(args.options));
        if (args.keyring != null) {
            overrides = overrides.with("keyring", args.keyring);
        }
        if (args.monHost != null) {
            overrides = overrides.with("mon_host", args.monHost);
        }
        String confOption = args.conf != null ? args.conf : fromEnv.conf().orElse(null);
        CephConfFile conf = CephConfFile.empty();
        Optional<Path> confPath = CephConfFile.locate(confOption, overrides.getString("cluster", "ceph"), env);
        if (confOption != null && confPath.isEmpty()) {
            throw new IOException("cannot read configuration file " + confOption + ": no such file");
        }
        if (confPath.isPresent()) {
            Path p = confPath.get();
            if (!Files.isReadable(p)) {
                throw new IOException("cannot read configuration file " + p);
            }
            conf = CephConfFile.read(p);
        }
        this.options = conf.resolve(entity, overrides);
    }

    /** The keyring for our entity; a failure to find one is kept and reported only if authentication needs it. */
    Keyring keyring() {
        if (keyring == null) {
            try {
                keyring = Keyrings.resolve(options, entity);
            } catch (KeyringException e) {
                keyringError = e;
                keyring = Keyring.empty();
            }
        }
        return keyring;
    }

    Optional<KeyringException> keyringError() {
        return Optional.ofNullable(keyringError);
    }

    Duration mountTimeout() {
        return Duration.ofMillis((long) (options.getSeconds("client_mount_timeout", 300) * 1000));
    }

    /** Monitors from mon_host, each as an address vector (v2 first). */
    List<EntityAddrVec> monitors() {
        String monHost = options.getString("mon_host", "");
        if (monHost.isBlank()) {
            throw new CliArgs.UsageException("no monitors: give -m/--mon-host or a ceph.conf (-c) with mon_host");
        }
        List<EntityAddrVec> out = new ArrayList<>();
        MonHosts.parse(monHost).forEach(m -> out.add(m.addrs()));
        return out;
    }

    MessengerConfig.Builder messengerConfig(Dispatcher dispatcher) {
        // no MBeans from a command's process unless asked (--inkwire_jmx=true): bringing up the
        // platform MBeanServer, some 380 classes, was a quarter of a `rados lspools`'s CPU
        CephConfig o = options.isSet("inkwire_jmx") ? options : options.with("inkwire_jmx", "false");
        return MessengerConfig.builder(entity).options(o).keyring(keyring()).authProviders(providers.auth).modes(providers.modes)
                .codecs(providers.codecs).dispatcher(dispatcher);
    }

    /** A dispatcher that prints each established connection with {@code -v}. */
    Dispatcher verboseDispatcher() {
        return new Dispatcher() {
            @Override
            public void onMessage(io.inkwire.api.Connection connection, io.inkwire.api.message.RawMessage message) {
            }

            @Override
            public void onReady(io.inkwire.api.Connection connection) {
                if (args.verbose) {
                    connection.info().ifPresent(i -> err.println("inkwire: connected " + i.summary()));
                }
            }
        };
    }
}
