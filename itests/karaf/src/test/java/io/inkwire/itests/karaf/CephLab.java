package io.inkwire.itests.karaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's loopback Ceph lab ({@code scripts/ceph-lab}) for the Karaf tests: one monitor with
 * cephx and secure mode only, and for the shared lab one memstore OSD with a pool {@code test}
 * (the RADOS test writes there). The Pax Exam tests share one ({@link #ensureStarted()}), started on
 * the driver side (Pax Exam's {@code @Configuration} runs there) and stopped when the JVM exits;
 * other tests start and stop one of their own. If it cannot start, the test fails: an exception
 * from {@code @Configuration} fails the class. (Adapted from the interop tests' JUnit 5
 * extension; Pax Exam needs JUnit 4.)
 */
final class CephLab {

    private static final CephLab SHARED = new CephLab(Paths.get("/tmp/inkwire-itest-karaf"), 13330, 16819, true);
    private static final Pattern FSID = Pattern.compile("(?m)^fsid = (\\S+)$");

    private static boolean sharedStarted;

    private final Path dir;
    private final int portV2;
    private final int portV1;
    private final boolean osd;

    /** A lab in its own directory and on its own monitor ports (v2 and v1), monitor only; not started yet. */
    CephLab(Path dir, int portV2, int portV1) {
        this(dir, portV2, portV1, false);
    }

    /** The same, with {@code osd} also osd.0 (memstore) and pool {@code test}. */
    CephLab(Path dir, int portV2, int portV1, boolean osd) {
        this.dir = dir;
        this.portV2 = portV2;
        this.portV1 = portV1;
        this.osd = osd;
    }

    /** The lab the Pax Exam tests share. */
    static CephLab shared() {
        return SHARED;
    }

    /** Starts the shared lab unless this JVM already did; it stops when the JVM exits. */
    static synchronized void ensureStarted() throws IOException, InterruptedException {
        if (sharedStarted) {
            return;
        }
        SHARED.start();
        sharedStarted = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                SHARED.stop();
            } catch (IOException | InterruptedException e) {
                System.err.println("stopping the Ceph lab: " + e);
            }
        }));
    }

    /** Starts the lab (a running lab in the same directory is restarted); throws if it does not answer. */
    void start() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(script().toString(), "start", "--dir", dir.toString(), "--mon-port-v2", String.valueOf(portV2),
                "--mon-port-v1", String.valueOf(portV1), "--auth", "cephx", "--mode", "secure"));
        if (osd) {
            cmd.add("--osd");
        }
        Exec.Result r = Exec.run(new ProcessBuilder(cmd), 300);
        if (r.exit() != 0) {
            throw new IllegalStateException("the Ceph lab did not start (" + String.join(" ", cmd) + "), exit " + r.exit() + ":\n" + r.output());
        }
    }

    /** Stops the lab and removes its directory. */
    void stop() throws IOException, InterruptedException {
        Exec.Result r = Exec.run(new ProcessBuilder(script().toString(), "stop", "--dir", dir.toString()), 120);
        if (r.exit() != 0) {
            System.err.println("stopping the Ceph lab in " + dir + ", exit " + r.exit() + ":\n" + r.output());
        }
    }

    /** The lab's ceph.conf (mon_host, keyring, cephx, secure). */
    Path conf() {
        return dir.resolve("ceph.conf");
    }

    /**
     * Runs one of Ceph's own tools ({@code rados}, {@code ceph}) against this lab, as client.admin
     * with the lab's conf (its keyring, cephx, secure).
     */
    Exec.Result tool(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tool, "-c", conf().toString()));
        cmd.addAll(List.of(args));
        return Exec.run(new ProcessBuilder(cmd), 60);
    }

    /** The client.admin keyring. */
    Path adminKeyring() {
        return dir.resolve("ceph.client.admin.keyring");
    }

    /** The cluster's fsid, as ceph.conf names it. */
    String fsid() throws IOException {
        Matcher m = FSID.matcher(Files.readString(conf()));
        if (!m.find()) {
            throw new IllegalStateException("no fsid in " + conf());
        }
        return m.group(1);
    }

    private static Path script() {
        String r = System.getProperty("inkwire.root");
        Path p = r != null ? Paths.get(r) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ceph-lab"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find scripts/ceph-lab above " + r);
        }
        return p.resolve("scripts/ceph-lab");
    }
}
