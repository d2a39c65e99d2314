package io.inkwire.karaf.shell.internal;

import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import io.inkwire.config.CephConfFile;
import io.inkwire.config.KeyringException;
import io.inkwire.config.Keyrings;
import io.inkwire.config.MonHosts;
import io.inkwire.monclient.MonClient;
import io.inkwire.monclient.MonCommandResult;
import io.inkwire.osgi.InkwireProviders;
import io.inkwire.osgi.ManagedMessenger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Where a command's monitor session comes from: a one-shot session from {@code -c}/{@code -m}
 * (closed after the command), or the session of a configured messenger ({@code io.inkwire.messenger}).
 */
final class MonSessions {

    private MonSessions() {
    }

    /** Options shared by the commands that talk to a monitor. */
    record Target(String conf, String monHost, String keyring, String name, String messenger, int timeoutSeconds) {
    }

    /** Runs one monitor command and returns its result. */
    static MonCommandResult run(BundleContext bc, InkwireProviders providers, Target t, String json) throws Exception {
        if (t.conf() != null || t.monHost() != null) {
            EntityName name = EntityName.parse(t.name() != null ? t.name() : "client.admin");
            CephConfig overrides = CephConfig.empty();
            if (t.monHost() != null) {
                overrides = overrides.with("mon_host", t.monHost());
            }
            if (t.keyring() != null) {
                overrides = overrides.with("keyring", t.keyring());
            }
            CephConfig options = t.conf() != null ? CephConfFile.read(Path.of(t.conf())).resolve(name, overrides) : overrides;
            List<EntityAddrVec> mons = new ArrayList<>();
            MonHosts.parse(options.getString("mon_host", "")).forEach(m -> mons.add(m.addrs()));
            io.inkwire.api.auth.Keyring keyring;
            try {
                keyring = Keyrings.resolve(options, name);
            } catch (KeyringException e) {
                keyring = io.inkwire.api.auth.Keyring.empty();
            }
            var transport = providers.transport("netty").or(() -> providers.transports().stream().findFirst())
                    .orElseThrow(() -> new IllegalStateException("no inkwire transport installed (feature inkwire-core)"));
            try (MonClient mc = MonClient.connect(transport, providers.messengerConfig(name).options(options).keyring(keyring).build(), mons,
                    Duration.ofSeconds(t.timeoutSeconds()))) {
                return mc.command(json, new byte[0]).get(t.timeoutSeconds(), TimeUnit.SECONDS);
            }
        }
        MonClient mc = configured(bc, t.messenger()).orElseThrow(() -> new IllegalStateException(
                "no monitor session: give -c CEPH_CONF or -m MON_HOST, or configure one with config:edit --factory io.inkwire.messenger"
                        + problems(bc)));
        return mc.command(json, new byte[0]).get(t.timeoutSeconds(), TimeUnit.SECONDS);
    }

    /** The monitor client of a configured messenger: the one with this PID, or the first that is up. */
    static Optional<MonClient> configured(BundleContext bc, String pid) {
        for (ManagedMessenger m : managed(bc)) {
            if ((pid == null || pid.equals(m.pid())) && m.monClient().isPresent()) {
                return m.monClient();
            }
        }
        return Optional.empty();
    }

    static List<ManagedMessenger> managed(BundleContext bc) {
        List<ManagedMessenger> out = new ArrayList<>();
        try {
            for (ServiceReference<ManagedMessenger> r : bc.getServiceReferences(ManagedMessenger.class, null)) {
                ManagedMessenger m = bc.getService(r);
                if (m != null) {
                    out.add(m);
                    bc.ungetService(r);
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static String problems(BundleContext bc) {
        StringBuilder sb = new StringBuilder();
        for (ManagedMessenger m : managed(bc)) {
            m.monClientProblem().ifPresent(p -> sb.append("\n  ").append(m.pid()).append(": ").append(p));
        }
        return sb.toString();
    }

    /** Prints a result as the {@code ceph} CLI does: output, then the status line; throws on an error. */
    static Object print(MonCommandResult r, boolean statusLine) {
        String out = r.outputText();
        System.out.print(out);
        if (!out.isEmpty() && !out.endsWith("\n")) {
            System.out.println();
        }
        if (statusLine && !r.rs().isEmpty()) {
            System.err.println(r.rs());
        }
        if (!r.ok()) {
            throw new IllegalStateException("the monitor returned error " + r.r() + ": " + r.rs());
        }
        return null;
    }

    static String withFormat(String json, String format) {
        if (format == null || "plain".equals(format) || json.contains("\"format\"")) {
            return json;
        }
        return json.replaceFirst("\\}\\s*$", ", \"format\": \"" + format + "\"}");
    }

}
