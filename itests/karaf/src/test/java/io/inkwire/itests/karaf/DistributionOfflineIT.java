package io.inkwire.itests.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a user of the distribution does, with no Maven repository to reach: unzip the archive the
 * build made, start it as a process of its own ({@code bin/karaf server}) with a fresh HOME and an
 * empty local repository, wait for the shell, run {@code inkwire:status} and
 * {@code inkwire:rados-status} through {@code bin/client} against a Ceph lab (cephx, secure only),
 * {@code bin/stop}. Unlike
 * {@link DistributionIT} no Pax Exam is involved, so nothing but the archive's own {@code system/}
 * can provide a bundle; and nothing may be downloaded: the local repository is still empty at the
 * end.
 */
class DistributionOfflineIT {

    private static final String MVN_CFG = "org.ops4j.pax.url.mvn.cfg";
    private static final String MVN = "org.ops4j.pax.url.mvn.";

    /**
     * Maven settings for the container: any attempt to reach a remote repository goes to a proxy
     * whose host never resolves (the {@code .invalid} TLD, RFC 2606), so it fails instead of
     * downloading.
     */
    private static final String SETTINGS = """
            <settings>
              <proxies>
                <proxy><id>none-http</id><active>true</active><protocol>http</protocol><host>proxy.invalid</host><port>3128</port></proxy>
                <proxy><id>none-https</id><active>true</active><protocol>https</protocol><host>proxy.invalid</host><port>3128</port></proxy>
              </proxies>
            </settings>
            """;

    @Test
    void startsOfflineFromTheArchiveAndShowsTheClusterStatus() throws Exception {
        Path work = fresh(Paths.get(System.getProperty("inkwire.offline.dir")));
        Path localRepository = Files.createDirectories(work.resolve("local-repository"));
        Path userHome = Files.createDirectories(work.resolve("home"));
        Path settings = Files.writeString(work.resolve("settings.xml"), SETTINGS);
        CephLab lab = new CephLab(Paths.get("/tmp/inkwire-itest-offline"), 13390, 16879);

        try (KarafProcess karaf = KarafProcess.unpack(Paths.get(System.getProperty("inkwire.distribution.zip")), work, userHome)) {
            // the archive itself names no remote repository and no fallback to Central: checked, not set
            Properties mvn = karaf.etc(MVN_CFG);
            assertEquals("", mvn.getProperty(MVN + "repositories"), MVN + "repositories must be present and empty in the distribution");
            assertEquals("false", mvn.getProperty(MVN + "useFallbackRepositories"));
            assertEquals("false", mvn.getProperty(MVN + "defaultLocalRepoAsRemote"));
            for (String repo : mvn.getProperty(MVN + "defaultRepositories").split(",")) {
                assertTrue(repo.trim().startsWith("file:"), "a default repository that is not a local directory: " + repo);
            }

            karaf.setEtc(MVN_CFG, MVN + "localRepository", localRepository.toString());
            karaf.setEtc(MVN_CFG, MVN + "settings", settings.toString());
            // ports of our own: the Pax Exam Karaf tests of this build (or another build) may run alongside
            int[] ports = freePorts(3);
            karaf.setEtc("org.apache.karaf.shell.cfg", "sshPort", String.valueOf(ports[0]));
            karaf.setEtc("org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
            karaf.setEtc("org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(ports[1]));
            karaf.setEtc("org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(ports[2]));
            karaf.addAdminUser("karaf", UUID.randomUUID().toString());

            karaf.start();
            try {
                lab.start(); // while Karaf boots; throws (fails the test) if the lab does not come up
                // the lab takes secure mode only: an answer means cephx + secure worked
                String status = karaf.client("inkwire:status -c " + lab.conf() + " -k " + lab.adminKeyring(), 90);
                assertTrue(Pattern.compile("(?m)^\\s*id:\\s+" + Pattern.quote(lab.fsid()) + "\\s*$").matcher(status).find(),
                        "inkwire:status does not show the lab's fsid " + lab.fsid() + ":\n" + status);
                assertTrue(status.contains("mon: 1 daemons"), status);
                // the RADOS client from system/ too: a client for this command only, its first OSDMap
                String rados = karaf.client("inkwire:rados-status -c " + lab.conf() + " -k " + lab.adminKeyring(), 90);
                assertTrue(rados.contains("cluster:   ceph, fsid " + lab.fsid()) && rados.contains("osdmap:    e"), rados);
            } finally {
                lab.stop();
            }
            karaf.stop(60);
        }

        assertEquals(List.of(), files(localRepository), "downloaded into the empty local repository");
        assertFalse(Files.exists(userHome.resolve(".m2")), "wrote to ~/.m2 of the fresh HOME");
    }

    /** An empty directory: what a previous run left there is removed. */
    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** The files under a directory, relative to it. */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).collect(Collectors.toList());
        }
    }

    /** Distinct loopback ports free now (all held open together, so they differ). */
    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
