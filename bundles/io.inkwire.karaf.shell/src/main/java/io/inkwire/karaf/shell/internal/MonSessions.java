package io.inkwire.karaf.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import io.inkwire.config.CephConfFile;
import io.inkwire.config.KeyringException;
import io.inkwire.config.Keyrings;
import io.inkwire.config.MonHosts;
import io.inkwire.monclient.MonClient;
import io.inkwire.monclient.MonCommandException;
import io.inkwire.monclient.MonCommandResult;
import io.inkwire.osgi.ClusterClientSettings;
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

    /** Floats kept as typed (BigDecimal with its zeros) when a command is rewritten; nothing may follow the object. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private MonSessions() {
    }

    /** Options shared by the commands that talk to a monitor. */
    record Target(String conf, String monHost, String keyring, String name, String messenger, int timeoutSeconds) {

        /** A session for this command only ({@code -c} or {@code -m}), rather than a configured messenger's. */
        boolean oneShot() {
            return conf != null || monHost != null;
        }
    }

    /** Runs one monitor command and returns its result. */
    static MonCommandResult run(BundleContext bc, InkwireProviders providers, Target t, String json) throws Exception {
        if (t.oneShot()) {
            ClusterClientSettings s = oneShot(providers, t);
            try (MonClient mc = MonClient.connect(s.transport(), s.config(), s.monitors(), s.mountTimeout())) {
                return mc.command(json, new byte[0]).get(t.timeoutSeconds(), TimeUnit.SECONDS);
            }
        }
        MonClient mc = configured(bc, t.messenger()).orElseThrow(() -> new IllegalStateException(
                "no monitor session: give -c CEPH_CONF or -m MON_HOST, or configure one with config:edit --factory io.inkwire.messenger"
                        + problems(bc)));
        return mc.command(json, new byte[0]).get(t.timeoutSeconds(), TimeUnit.SECONDS);
    }

    /**
     * What a client for one command connects with, from {@code -c}/{@code -m}/{@code -k}/{@code -n}
     * (the client is closed after the command); {@code -t} is its mount timeout.
     */
    static ClusterClientSettings oneShot(InkwireProviders providers, Target t) throws Exception {
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
        return new ClusterClientSettings(transport, providers.messengerConfig(name).options(options).keyring(keyring).build(), mons,
                Duration.ofSeconds(t.timeoutSeconds()));
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

    static String problems(BundleContext bc) {
        StringBuilder sb = new StringBuilder();
        for (ManagedMessenger m : managed(bc)) {
            m.monClientProblem().ifPresent(p -> sb.append("\n  ").append(m.pid()).append(": ").append(p));
        }
        return sb.toString();
    }

    /** Prints a result as the {@code ceph} CLI does: output, then the status line; throws on an error. */
    static Object print(MonCommandResult r, boolean statusLine) throws MonCommandException {
        String out = r.outputText();
        System.out.print(out);
        if (!out.isEmpty() && !out.endsWith("\n")) {
            System.out.println();
        }
        if (statusLine && !r.rs().isEmpty()) {
            System.err.println(r.rs());
        }
        if (!r.ok()) {
            throw new MonCommandException(r.r(), r.rs());
        }
        return null;
    }

    /**
     * A command in Ceph's JSON form with {@code "format"} added when one is asked for and the command
     * names none; a command that is not a JSON object is refused with the parser's message before it
     * is sent (the monitor would answer it with EINVAL).
     */
    static String withFormat(String json, String format) {
        JsonNode cmd;
        try {
            cmd = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON command: " + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        if (!(cmd instanceof ObjectNode object)) {
            throw new IllegalArgumentException("invalid JSON command: a command is a JSON object ({\"prefix\": ...})");
        }
        if (format == null || "plain".equals(format) || object.has("format")) {
            return json;
        }
        return object.put("format", format).toString();
    }

}
