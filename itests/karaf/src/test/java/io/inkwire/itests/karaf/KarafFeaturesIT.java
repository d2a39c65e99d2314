package io.inkwire.itests.karaf;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What a Karaf user does: a stock Karaf 4.4.10 from Maven Central, {@code feature:repo-add} of
 * inkwire's features, {@code feature:install inkwire}, then {@code inkwire:status} against a real
 * monitor (cephx, secure only), once with {@code -c ceph.conf} and once through a messenger
 * configured with {@code config:edit --factory io.inkwire.messenger}; the gss feature adds its
 * provider and removing it withdraws it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafFeaturesIT {

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() throws Exception {
        CephLab.ensureStarted();
        List<Option> o = KarafSupport.karaf(System.getProperty("inkwire.karaf.zip"), "karaf");
        // the reactor's jars, in Maven layout: during `mvn verify` they are not in ~/.m2
        o.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("inkwire.karaf.repo")));
        o.add(org.ops4j.pax.exam.CoreOptions.systemProperty("inkwire.version").value(System.getProperty("inkwire.version")));
        return o.toArray(new Option[0]);
    }

    @Test
    public void featureInstallThenStatusAgainstTheLab() throws Exception {
        String version = System.getProperty("inkwire.version");
        KarafSupport.execute(sessions, "feature:repo-add mvn:io.inkwire/inkwire-features/" + version + "/xml/features");
        KarafSupport.execute(sessions, "feature:install inkwire");

        String providers = waitFor("inkwire:providers", "cephx");
        assertTrue(providers, providers.contains("secure") && providers.contains("crc") && providers.contains("none"));

        String conf = System.getProperty("inkwire.lab.conf");
        String status = KarafSupport.execute(sessions, "inkwire:status -c " + conf);
        assertTrue(status, status.contains("cluster:") && status.contains("id:") && status.contains("mon: 1 daemons"));

        // the same through Configuration Admin: a configured messenger keeps a monitor session
        // one session: config:edit keeps what is being edited in the session
        KarafSupport.execute(sessions, "config:edit --factory --alias lab io.inkwire.messenger; config:property-set conf " + conf
                + "; config:property-set ms_mon_client_mode secure; config:update");
        String connections = waitFor("inkwire:connections", "cephx");
        assertTrue(connections, connections.contains("secure") && connections.contains("mon"));
        String viaService = KarafSupport.execute(sessions, "inkwire:status");
        assertTrue(viaService, viaService.contains("cluster:"));

        // the Kerberos provider is a feature of its own: it resolves against Karaf's JDK packages
        // (org.ietf.jgss, javax.security.auth.*) and its provider comes and goes with the feature
        KarafSupport.execute(sessions, "feature:install inkwire-auth-gss");
        assertTrue(waitFor("inkwire:providers", "gss").contains("cephx"));
        KarafSupport.execute(sessions, "feature:uninstall inkwire-auth-gss");
        String without = waitForNot("inkwire:providers", "gss");
        assertTrue(without, without.contains("cephx"));
    }

    private String waitForNot(String command, String text) throws InterruptedException {
        return waitUntil(command, out -> !out.contains(text), "still shows " + text);
    }

    private String waitFor(String command, String text) throws InterruptedException {
        return waitUntil(command, out -> out.contains(text), "never showed " + text);
    }

    private String waitUntil(String command, java.util.function.Predicate<String> done, String failure) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String out = "";
        while (System.nanoTime() < until) {
            out = KarafSupport.execute(sessions, command);
            if (done.test(out)) {
                return out;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(command + " " + failure + ":\n" + out);
    }
}
