package io.inkwire.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.management.ObjectName;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The RADOS client in a stock Karaf against the lab's OSD: {@code feature:install inkwire}, then
 * {@code inkwire-rados} (the shell bundle is refreshed and gains the RADOS commands), a messenger
 * configured with the lab's ceph.conf, and the {@code RadosClient} service it brings. With the
 * Karaf commands an object of two pieces is put, read back byte for byte, listed and stat-ed; Ceph's
 * own {@code rados} and {@code ceph} tools see the same bytes, the same stat line, the same
 * listing and the same placement. Deleting the configuration unregisters and closes the client.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RadosFeatureIT {

    private static final String RADOS_CLIENT = "io.inkwire.rados.RadosClient";
    private static final Pattern KEY = Pattern.compile("(?m)^\\s*key\\s*=\\s*(\\S+)\\s*$");

    @Inject
    private SessionFactory sessions;

    @Inject
    private BundleContext bc;

    @Configuration
    public Option[] config() throws Exception {
        CephLab.ensureStarted();
        List<Option> o = KarafSupport.karaf(System.getProperty("inkwire.karaf.zip"), "karaf-rados");
        // the reactor's jars, in Maven layout: during `mvn verify` they are not in ~/.m2
        o.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("inkwire.karaf.repo")));
        o.add(CoreOptions.systemProperty("inkwire.version").value(System.getProperty("inkwire.version")));
        return o.toArray(new Option[0]);
    }

    @Test
    public void radosClientServiceAndCommandsAgainstTheLab() throws Exception {
        CephLab lab = CephLab.shared();
        sh("feature:repo-add mvn:io.inkwire/inkwire-features/" + System.getProperty("inkwire.version") + "/xml/features");
        sh("feature:install inkwire");
        sh("feature:install inkwire-rados");

        sh("config:edit --factory --alias rados io.inkwire.messenger; config:property-set conf " + lab.conf() + "; config:update");
        ServiceReference<?> ref = awaitClient();
        String pid = String.valueOf(ref.getProperty("inkwire.messenger"));
        assertEquals("client.admin", ref.getProperty("inkwire.entity"));
        assertEquals("ceph", ref.getProperty("inkwire.cluster"));
        assertEquals(lab.fsid(), ref.getProperty("inkwire.fsid"));
        assertTrue(String.valueOf(ref.getProperty("inkwire.mon_host")), String.valueOf(ref.getProperty("inkwire.mon_host")).contains("127.0.0.1:13330"));
        Matcher key = KEY.matcher(Files.readString(lab.adminKeyring()));
        assertTrue(key.find());
        for (String k : ref.getPropertyKeys()) {
            assertFalse("service property " + k + " holds the key", String.valueOf(ref.getProperty(k)).contains(key.group(1)));
        }
        Set<ObjectName> mbeans = ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("io.inkwire:type=RadosClient,*"), null);
        assertEquals(mbeans.toString(), 1, mbeans.size());

        Path dir = Files.createTempDirectory("inkwire-rados-it");
        // two of the tools' 4 MiB pieces: a write_full and a write at 4 MiB; two reads
        byte[] data = new byte[(4 << 20) + 12345];
        new Random(7).nextBytes(data);
        Path src = Files.write(dir.resolve("src"), data);
        sh("inkwire:rados-put test karaf-obj " + src);
        Path back = dir.resolve("back");
        sh("inkwire:rados-get test karaf-obj " + back);
        assertArrayEquals("inkwire:rados-get returned other bytes", data, Files.readAllBytes(back));

        // Ceph's rados reads what Karaf wrote
        Path theirs = dir.resolve("theirs");
        ok(lab.tool("rados", "-p", "test", "get", "karaf-obj", theirs.toString()));
        assertArrayEquals("rados get returned other bytes", data, Files.readAllBytes(theirs));
        String stat = sh("inkwire:rados-stat test karaf-obj").strip();
        assertTrue(stat, stat.startsWith("test/karaf-obj mtime ") && stat.endsWith(", size " + data.length));
        assertEquals(ok(lab.tool("rados", "-p", "test", "stat", "karaf-obj")).strip(), stat);

        // a namespace, and the listings against the tool's
        Files.writeString(dir.resolve("small"), "in a namespace");
        sh("inkwire:rados-put -N karaf-ns test ns-obj " + dir.resolve("small"));
        Set<String> listed = lines(sh("inkwire:rados-ls test"));
        assertTrue(listed.toString(), listed.contains("karaf-obj") && !listed.contains("ns-obj"));
        assertEquals(lines(ok(lab.tool("rados", "-p", "test", "ls"))), listed);
        Set<String> all = lines(sh("inkwire:rados-ls --all test"));
        assertTrue(all.toString(), all.contains("karaf-ns\tns-obj") && all.contains("\tkaraf-obj"));
        assertEquals(lines(ok(lab.tool("rados", "-p", "test", "ls", "--all"))), all);
        assertEquals(Set.of("ns-obj"), lines(sh("inkwire:rados-ls -N karaf-ns test")));

        // placement computed in Karaf, as the monitor computes it
        String placement = sh("inkwire:osd-map test karaf-obj").strip();
        assertEquals(ok(lab.tool("ceph", "osd", "map", "test", "karaf-obj")).strip(), placement);
        Matcher epoch = Pattern.compile("^osdmap e(\\d+) ").matcher(placement);
        assertTrue(placement, epoch.find());

        String status = sh("inkwire:rados-status");
        assertTrue(status, status.contains("client:    client.admin (messenger " + pid + ")"));
        assertTrue(status, status.contains("osdmap:    e" + epoch.group(1) + ","));
        Matcher sent = Pattern.compile("(?m)^  op_send\\s+(\\d+)$").matcher(status);
        assertTrue(status, sent.find());
        assertTrue(status, Long.parseLong(sent.group(1)) >= 6); // two writes, two reads, a stat, a write
        String connections = sh("inkwire:connections");
        assertTrue("no OSD session under the messenger:\n" + connections, Pattern.compile("(?m)^" + Pattern.quote(pid) + ".*\\bosd\\b").matcher(connections).find());

        // removal, and the tool's words for what is gone
        sh("inkwire:rados-rm test karaf-obj");
        sh("inkwire:rados-rm -N karaf-ns test ns-obj");
        assertTrue(fails("inkwire:rados-stat test karaf-obj").contains("error stat-ing test/karaf-obj: (2) No such file or directory"));
        assertTrue(fails("inkwire:rados-get test karaf-obj " + back).contains("error getting test/karaf-obj: (2) No such file or directory"));
        assertFalse(lines(ok(lab.tool("rados", "-p", "test", "ls", "--all"))).stream().anyMatch(l -> l.endsWith("karaf-obj") || l.endsWith("ns-obj")));
        assertTrue(fails("inkwire:rados-ls no-such-pool").contains("error opening pool no-such-pool: (2) No such file or directory"));

        // the configuration goes: so do the service, its MXBean, and the commands' client
        sh("config:delete " + pid);
        await("the RadosClient service is still registered", () -> clients().length == 0);
        assertEquals(Set.of(), ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("io.inkwire:type=RadosClient,*"), null));
        assertTrue(fails("inkwire:rados-status").contains("no RADOS client"));
        try (Stream<Path> files = Files.walk(dir)) { // a passing run leaves nothing in /tmp (a failing one keeps its files)
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private String sh(String command) {
        return KarafSupport.execute(sessions, command);
    }

    /** Runs a command that must fail; returns its message. */
    private String fails(String command) {
        try {
            String out = sh(command);
            throw new IllegalStateException(command + " succeeded:\n" + out);
        } catch (AssertionError expected) {
            return expected.getMessage();
        }
    }

    private static String ok(Exec.Result r) {
        assertEquals(r.output(), 0, r.exit());
        return r.output();
    }

    private static Set<String> lines(String text) {
        return new TreeSet<>(text.lines().filter(l -> !l.isBlank()).toList());
    }

    private ServiceReference<?>[] clients() {
        try {
            // all: the probe does not import the RADOS package
            ServiceReference<?>[] refs = bc.getAllServiceReferences(RADOS_CLIENT, null);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ServiceReference<?> awaitClient() throws InterruptedException {
        await("no RadosClient service for the configured messenger", () -> clients().length == 1);
        return clients()[0];
    }

    private static void await(String failure, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(failure + " after 60 s");
            }
            Thread.sleep(100);
        }
    }
}
