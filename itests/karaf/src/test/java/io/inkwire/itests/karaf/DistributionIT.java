package io.inkwire.itests.karaf;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The inkwire distribution starts with no network repository (its pax-url configuration names
 * none, and its local repository holds only Pax Exam's own bundles) and {@code inkwire:status}
 * works against the lab.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() throws Exception {
        CephLab.ensureStarted();
        List<Option> o = KarafSupport.karaf(System.getProperty("inkwire.distribution.zip"), "distribution");
        // no remote repository (the distribution's own configuration). Pax Exam provisions its
        // own bundles (the "exam" feature) after boot; the build copied exactly those into
        // target/exam-repo, which stands in for the local repository: nothing of inkwire is there,
        // so what inkwire needs comes from system/. The boot features are installed before the probe.
        o.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("inkwire.exam.repo")));
        o.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""));
        o.add(org.ops4j.pax.exam.CoreOptions.systemProperty("inkwire.version").value(System.getProperty("inkwire.version")));
        return o.toArray(new Option[0]);
    }

    @Test
    public void startsOfflineAndShowsTheClusterStatus() {
        for (String bsn : List.of("io.inkwire.osgi", "io.inkwire.auth.cephx", "io.inkwire.mode.secure", "io.inkwire.karaf.shell",
                "io.inkwire.codec.osd", "io.inkwire.rados", "io.inkwire.rados.tool", "io.inkwire.rados.osgi")) {
            Path jar = Path.of(System.getProperty("karaf.home"), "system/io/inkwire", bsn, System.getProperty("inkwire.version"),
                    bsn + "-" + System.getProperty("inkwire.version") + ".jar");
            assertTrue("not in the offline repository: " + jar, Files.isRegularFile(jar));
        }
        String features = KarafSupport.execute(sessions, "feature:list -i");
        assertTrue(features, features.contains("inkwire-mode-secure") && features.contains("inkwire-auth-cephx") && features.contains("inkwire-rados"));
        String status = KarafSupport.execute(sessions, "inkwire:status -c " + System.getProperty("inkwire.lab.conf"));
        assertTrue(status, status.contains("cluster:") && status.contains("mon: 1 daemons"));
    }
}
