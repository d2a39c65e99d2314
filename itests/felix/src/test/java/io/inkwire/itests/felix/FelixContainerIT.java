package io.inkwire.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.monclient.MonClient;
import io.inkwire.osgi.InkwireProviders;
import io.inkwire.osgi.ManagedMessenger;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * inkwire in native Felix: the bundles resolve and start, messengers made through Configuration
 * Admin handshake with cephx in crc and secure mode, a configuration change takes effect, and the
 * example xor-mode plugin installed at runtime is negotiated by the next connection and withdrawn
 * (its connections closed) when uninstalled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FelixContainerIT {

    private static final String FACTORY_PID = "io.inkwire.messenger";

    @Inject
    private BundleContext bc;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private InkwireProviders providers;

    private final List<org.osgi.service.cm.Configuration> configs = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Configuration
    public Option[] config() {
        List<Option> o = new ArrayList<>();
        File[] jars = new File(System.getProperty("inkwire.bundles.dir")).listFiles((d, n) -> n.endsWith(".jar"));
        Arrays.sort(jars);
        for (File f : jars) {
            // a fragment (Netty's native epoll library) attaches to its host and cannot be started
            o.add(isFragment(f) ? bundle(f.toURI().toString()).noStart() : bundle(f.toURI().toString()));
        }
        o.add(junitBundles());
        o.add(cleanCaches());
        // Pax Exam's own bundles log through slf4j: let them use the test JVM's (logging is off in exam.properties)
        o.add(systemPackage("org.slf4j;version=1.7.36"));
        o.add(systemProperty("inkwire.plugin.jar").value(System.getProperty("inkwire.plugin.jar")));
        o.add(systemProperty("inkwire.gss.jar").value(System.getProperty("inkwire.gss.jar")));
        o.add(systemProperty("inkwire.root").value(System.getProperty("inkwire.root")));
        return o.toArray(new Option[0]);
    }

    private static boolean isFragment(File jar) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar)) {
            return j.getManifest() != null && j.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

        @After
    public void cleanUp() throws Exception {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        for (org.osgi.service.cm.Configuration c : configs) {
            c.delete();
        }
    }

    @Test
    public void everyInkwireBundleIsActiveAndDeclaresWhatItProvides() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : bc.getBundles()) {
            if (b.getSymbolicName().startsWith("io.inkwire") && b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertTrue("not active: " + notActive, notActive.isEmpty());
        assertTrue(installed("io.inkwire.osgi") != null);

        assertEquals(List.of("cephx", "none"), providers.authProviders().stream().map(AuthProvider::name).sorted().collect(Collectors.toList()));
        assertEquals(List.of("crc", "secure"), providers.modes().stream().map(ConnectionMode::name).sorted().collect(Collectors.toList()));
        assertEquals(14, providers.codecs().size());
        assertTrue(providers.transport("netty").isPresent());

        assertEquals("cephx", capability("io.inkwire.auth.cephx", "io.inkwire.auth").get("io.inkwire.auth"));
        assertEquals(2L, capability("io.inkwire.auth.cephx", "io.inkwire.auth").get("method"));
        assertEquals("secure", capability("io.inkwire.mode.secure", "io.inkwire.mode").get("io.inkwire.mode"));
        assertEquals("mon", capability("io.inkwire.codec.mon", "io.inkwire.codecs").get("io.inkwire.codecs"));
    }

    @Test
    public void cephxHandshakesInCrcAndSecureModeThroughConfigAdmin() throws Exception {
        Path keyring = writeKeyring("client.crc", "client.secure", "mon.felix");
        ManagedMessenger mon = acceptor("mon.felix", "cephx", "crc secure", keyring);
        EntityAddr addr = boundAddr(mon);

        for (String mode : List.of("crc", "secure")) {
            ManagedMessenger client = connector("client." + mode, "cephx", mode, keyring);
            Connection c = client.messenger().connect(addr, EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS);
            ConnectionInfo i = c.info().orElseThrow();
            assertEquals("cephx", i.authMethod());
            assertEquals(mode, i.mode());
            assertEcho(client, c);
            assertTrue(client.connections().contains(c));
            c.close();
        }
    }

    @Test
    public void aConfigurationChangeTakesEffect() throws Exception {
        Path keyring = writeKeyring("client.cfg", "client.renamed", "mon.cfg");
        ManagedMessenger mon = acceptor("mon.cfg", "cephx", "crc secure", keyring);
        EntityAddr addr = boundAddr(mon);
        org.osgi.service.cm.Configuration cfg = configAdmin.createFactoryConfiguration(FACTORY_PID, "?");
        configs.add(cfg);
        Hashtable<String, Object> p = props("client.cfg", "cephx", "crc", keyring);
        cfg.update(p);
        ManagedMessenger first = await("(inkwire.entity=client.cfg)", null);
        assertEquals("crc", connectMode(first, addr));

        p.put("ms_mon_client_mode", "secure");
        cfg.update(p);
        ManagedMessenger second = await("(inkwire.entity=client.cfg)", first);
        assertEquals("secure", connectMode(second, addr));
        assertFalse("the replaced messenger is closed",
                first.messenger().connect(addr, EntityType.MON).toCompletableFuture().handle((c, e) -> e == null).get(10, TimeUnit.SECONDS));

        p.put("entity_name", "client.renamed");
        cfg.update(p);
        ManagedMessenger renamed = await("(inkwire.entity=client.renamed)", null);
        assertEquals("client.renamed", renamed.name().toString());
        assertEquals("secure", connectMode(renamed, addr));
    }

    @Test
    public void thePluginModeIsNegotiatedWhileInstalledAndWithdrawnWhenUninstalled() throws Exception {
        ManagedMessenger mon = acceptor("mon.xor", "none", "xor crc", null);
        EntityAddr addr = boundAddr(mon);
        ManagedMessenger client = connector("client.xor", "none", "xor crc", null);
        assertEquals("without the plugin: crc", "crc", connectMode(client, addr));

        Bundle plugin = bc.installBundle(new File(System.getProperty("inkwire.plugin.jar")).toURI().toString());
        plugin.start();
        assertEquals(List.of("crc", "secure", "xor"), waitForModes(3));
        Connection xor = client.messenger().connect(addr, EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals("xor", xor.info().orElseThrow().mode());
        assertEcho(client, xor);

        // a burst queued just before the uninstall: each send completes (written, or failed by the
        // close), none is left pending on a connection that no longer runs
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            burst.add(xor.send(RawMessage.builder(0x7f02).tid(100 + i).data(new byte[1 << 20]).build()).toCompletableFuture());
        }
        plugin.uninstall();
        assertEquals(List.of("crc", "secure"), waitForModes(2));
        // connections that negotiated a withdrawn mode are closed, not left running the bundle's code
        xor.closeFuture().toCompletableFuture().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        assertFalse(xor.isOpen());
        CompletableFuture.allOf(burst.toArray(new CompletableFuture<?>[0])).handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> afterClose = xor.send(RawMessage.builder(0x7f02).tid(999).front(new byte[8]).build()).toCompletableFuture();
        assertTrue("a send on the withdrawn connection fails", afterClose.handle((v, e) -> e != null).get(10, TimeUnit.SECONDS));
        assertEquals("after uninstalling: crc again", "crc", connectMode(client, addr));
    }

    /**
     * The gss provider as a plugin: a client offering {@code gss cephx} to an acceptor that takes
     * both ({@code inkwire serve} in a JVM of its own, so only the client's bundles change)
     * authenticates with cephx, then with Kerberos once the gss bundle is installed, and with cephx
     * again once it is uninstalled, which closes the gss connection. The KDC is a real MIT KDC
     * (scripts/krb-lab).
     */
    @Test
    public void theGssBundleIsNegotiatedWhileInstalledAndItsConnectionsClosedWhenUninstalled() throws Exception {
        Path root = Path.of(System.getProperty("inkwire.root"));
        Path kdcDir = Path.of("/tmp/inkwire-itest-krb-felix");
        String krbLab = root.resolve("scripts/krb-lab").toString();
        run(List.of(krbLab, "start", "--dir", kdcDir.toString(), "--kdc-port", "18096", "--client", "client.alice"));
        Process serve = null;
        Path dir = Files.createTempDirectory("inkwire-felix-gss");
        try {
            Path keyring = writeKeyring("client.alice");
            Path logging = Files.writeString(dir.resolve("logging.properties"), String.join("\n",
                    "io.inkwire.auth.gss.level = INFO", "io.inkwire.auth.gss.handlers = java.util.logging.ConsoleHandler",
                    "java.util.logging.ConsoleHandler.level = INFO", "java.util.logging.SimpleFormatter.format = inkwire: %5$s%n", ""));
            Path serveOut = dir.resolve("serve.out");
            Path serveErr = dir.resolve("serve.err");
            List<String> cmd = new ArrayList<>(cli(root));
            cmd.addAll(1, List.of("-Djava.util.logging.config.file=" + logging));
            cmd.addAll(List.of("-c", Files.writeString(dir.resolve("ceph.conf"), "").toString(), "-k", keyring.toString(),
                    "serve", "--bind", "v2:127.0.0.1:" + GSS_SERVE_PORT, "--auth_service_required", "gss cephx",
                    "--gss_ktab_service_file", kdcDir.resolve("service.keytab").toString(), "--gss_target_name", "ceph@localhost",
                    "--gss_krb5_conf", kdcDir.resolve("krb5.conf").toString()));
            serve = new ProcessBuilder(cmd).redirectOutput(serveOut.toFile()).redirectError(serveErr.toFile()).start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(serveOut).contains("serving") && serve.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertTrue("serve did not start: " + Files.readString(serveOut) + Files.readString(serveErr),
                    Files.readString(serveOut).contains("serving"));
            EntityAddr addr = EntityAddr.parse("v2:127.0.0.1:" + GSS_SERVE_PORT + "/0");

            Hashtable<String, Object> p = props("client.alice", "gss cephx", "crc", keyring);
            p.put("gss_ktab_client_file", kdcDir.resolve("client.alice.keytab").toString());
            p.put("gss_target_name", "ceph@localhost");
            p.put("gss_krb5_conf", kdcDir.resolve("krb5.conf").toString());
            org.osgi.service.cm.Configuration cfg = configAdmin.createFactoryConfiguration(FACTORY_PID, "?");
            configs.add(cfg);
            cfg.update(p);
            ManagedMessenger client = await("(inkwire.entity=client.alice)", null);
            assertEquals("without the gss bundle: cephx", "cephx", authMethod(client, addr));

            Bundle gss = bc.installBundle(new File(System.getProperty("inkwire.gss.jar")).toURI().toString());
            gss.start();
            assertEquals(List.of("cephx", "gss", "none"), waitForAuth(3));
            int logBefore = Files.readString(serveErr).length();
            Connection c = client.messenger().connect(addr, EntityType.MON).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals("gss", c.info().orElseThrow().authMethod());
            assertTrue("serve authenticated the Kerberos principal: " + Files.readString(serveErr),
                    waitForLog(serveErr, logBefore, "accepted Kerberos principal client.alice@INKWIRE.TEST as client.alice"));

            // a messenger configured with mon_host keeps a monitor session: with the bundle there, over gss
            Hashtable<String, Object> mp = new Hashtable<>(p);
            mp.put("mon_host", "v2:127.0.0.1:" + GSS_SERVE_PORT);
            org.osgi.service.cm.Configuration monCfg = configAdmin.createFactoryConfiguration(FACTORY_PID, "?");
            configs.add(monCfg);
            monCfg.update(mp);
            MonClient gssSession = awaitMonClient(monCfg.getPid(), null);
            assertEquals("gss", gssSession.session().info().orElseThrow().authMethod());

            gss.uninstall();
            assertEquals(List.of("cephx", "none"), waitForAuth(2));
            // a connection authenticated by a withdrawn provider is closed, not left holding its keys
            c.closeFuture().toCompletableFuture().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
            assertFalse(c.isOpen());
            assertEquals("after uninstalling: cephx again", "cephx", authMethod(client, addr));
            // and the monitor session comes back by itself, over what is left
            MonClient cephxSession = awaitMonClient(monCfg.getPid(), gssSession);
            assertEquals("the monitor session reconnected with cephx", "cephx", cephxSession.session().info().orElseThrow().authMethod());
        } finally {
            if (serve != null) {
                serve.destroy();
                serve.waitFor(20, TimeUnit.SECONDS);
            }
            run(List.of(krbLab, "stop", "--dir", kdcDir.toString()));
            try (Stream<Path> files = Files.walk(dir)) { // no run leaves serve's files in /tmp
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static final int GSS_SERVE_PORT = 23340;

    /** The MonClient service of messenger {@code pid} with an open session, other than {@code old}. */
    private MonClient awaitMonClient(String pid, MonClient old) throws Exception {
        return awaitService(MonClient.class, "(inkwire.messenger=" + pid + ")",
                m -> m != old && m.session() != null && m.session().isOpen(), 30);
    }

    /** {@code ./inkwire} as the interop tests run it: the CLI jar on the module path with its runtime modules. */
    private static List<String> cli(Path root) throws Exception {
        Path target = root.resolve("bundles/io.inkwire.cli/target");
        Path jar;
        try (var s = Files.list(target)) {
            jar = s.filter(f -> f.getFileName().toString().matches("io\\.inkwire\\.cli-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("io.inkwire.cli is not built in " + target));
        }
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", target.resolve("modules") + ":" + jar, "-m", "io.inkwire.cli/io.inkwire.cli.Main"));
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(String.join(" ", cmd) + " did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", cmd) + ": " + new String(out, StandardCharsets.UTF_8), 0, p.exitValue());
    }

    private static boolean waitForLog(Path log, int from, String line) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (Files.readString(log).substring(from).contains(line)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private String authMethod(ManagedMessenger client, EntityAddr addr) throws Exception {
        Connection c = client.messenger().connect(addr, EntityType.MON).toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            return c.info().orElseThrow().authMethod();
        } finally {
            c.close();
        }
    }

    // --- helpers ---

    private Bundle installed(String bsn) {
        return Arrays.stream(bc.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private Map<String, Object> capability(String bsn, String namespace) {
        BundleWiring w = installed(bsn).adapt(BundleWiring.class);
        List<BundleCapability> caps = w.getCapabilities(namespace);
        assertEquals(bsn + " " + namespace, 1, caps.size());
        return caps.get(0).getAttributes();
    }

    private List<String> waitForModes(int n) throws InterruptedException {
        return waitForNames(n, () -> providers.modes().stream().map(ConnectionMode::name));
    }

    private List<String> waitForAuth(int n) throws InterruptedException {
        return waitForNames(n, () -> providers.authProviders().stream().map(AuthProvider::name));
    }

    /** The sorted names once there are {@code n} of them (or after 10 s, whatever they are then). */
    private static List<String> waitForNames(int n, java.util.function.Supplier<java.util.stream.Stream<String>> names)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> sorted;
        do {
            sorted = names.get().sorted().collect(Collectors.toList());
            if (sorted.size() == n) {
                break;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        return sorted;
    }

    private String connectMode(ManagedMessenger client, EntityAddr addr) throws Exception {
        Connection c = client.messenger().connect(addr, EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS);
        try {
            assertEcho(client, c);
            return c.info().orElseThrow().mode();
        } finally {
            c.close();
        }
    }

    /** Sends a message with random bytes; the acceptor's echo dispatcher sends it back. */
    private void assertEcho(ManagedMessenger client, Connection c) throws Exception {
        byte[] probe = new byte[2048];
        new SecureRandom().nextBytes(probe);
        CompletableFuture<byte[]> back = new CompletableFuture<>();
        Dispatcher d = (conn, m) -> {
            if (conn == c) {
                byte[] b = new byte[m.frontLength()];
                m.front().get(b);
                back.complete(b);
            }
        };
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("inkwire.messenger", client.pid());
        ServiceRegistration<Dispatcher> r = bc.registerService(Dispatcher.class, d, p);
        try {
            c.send(RawMessage.builder(0x7f01).tid(1).front(ByteBuffer.wrap(probe)).build());
            assertTrue("echo differs", Arrays.equals(probe, back.get(10, TimeUnit.SECONDS)));
        } finally {
            r.unregister();
        }
    }

    private ManagedMessenger acceptor(String entity, String auth, String modes, Path keyring) throws Exception {
        Dispatcher echo = (c, m) -> c.send(m.toBuilder().build()); // shares the received buffer's count until written
        Hashtable<String, Object> dp = new Hashtable<>();
        dp.put("inkwire.messenger", entity);
        registrations.add(bc.registerService(Dispatcher.class, echo, dp));
        Hashtable<String, Object> p = props(entity, auth, modes, keyring);
        p.put("bind", "v2:127.0.0.1:0");
        org.osgi.service.cm.Configuration cfg = configAdmin.createFactoryConfiguration(FACTORY_PID, "?");
        configs.add(cfg);
        cfg.update(p);
        return await("(inkwire.entity=" + entity + ")", null);
    }

    private ManagedMessenger connector(String entity, String auth, String modes, Path keyring) throws Exception {
        org.osgi.service.cm.Configuration cfg = configAdmin.createFactoryConfiguration(FACTORY_PID, "?");
        configs.add(cfg);
        cfg.update(props(entity, auth, modes, keyring));
        return await("(inkwire.entity=" + entity + ")", null);
    }

    private static Hashtable<String, Object> props(String entity, String auth, String modes, Path keyring) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("entity_name", entity);
        p.put("auth_client_required", auth);
        p.put("auth_service_required", auth);
        p.put("ms_mon_client_mode", modes);
        p.put("ms_mon_service_mode", modes);
        if (keyring != null) {
            p.put("keyring", keyring.toString());
        }
        return p;
    }

    private static EntityAddr boundAddr(ManagedMessenger m) {
        EntityAddrVec v = m.messenger().boundAddrs();
        return v.addrs().get(0);
    }

    /** Waits for a ManagedMessenger matching the filter that is not {@code old}. */
    private ManagedMessenger await(String filter, ManagedMessenger old) throws Exception {
        return awaitService(ManagedMessenger.class, filter, m -> m != old, 15);
    }

    /** A service of {@code type} matching {@code filter} that {@code ok} accepts, within {@code seconds}. */
    private <T> T awaitService(Class<T> type, String filter, java.util.function.Predicate<T> ok, int seconds) throws Exception {
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, bc.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        t.open();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < until) {
                T m = t.getService();
                if (m != null && ok.test(m)) {
                    return m;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + type.getSimpleName() + " " + filter + " appeared within " + seconds + " s");
        } finally {
            t.close();
        }
    }

    /** A keyring file with fresh random AES keys, in Ceph's format (base64 of the encoded CryptoKey). */
    private static Path writeKeyring(String... entities) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String e : entities) {
            sb.append('[').append(e).append("]\n\tkey = ").append(CryptoKey.generateAes().toBase64()).append('\n');
        }
        Path f = Files.createTempFile("inkwire-felix", ".keyring");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        f.toFile().deleteOnExit();
        return f;
    }
}
