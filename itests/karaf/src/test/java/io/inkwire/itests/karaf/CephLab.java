package io.inkwire.itests.karaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's loopback Ceph lab ({@code scripts/ceph-lab}) for the Karaf tests: one monitor with
 * cephx and secure mode only, started once per test JVM on the driver side (Pax Exam's
 * {@code @Configuration} runs there) and stopped when the JVM exits. If it cannot start, the test
 * fails: an exception from {@code @Configuration} fails the class. (Adapted from the interop
 * tests' JUnit 5 extension; Pax Exam needs JUnit 4.)
 */
final class CephLab {

    static final Path DIR = Paths.get("/tmp/inkwire-itest-karaf");
    static final int PORT_V2 = 13330;
    static final int PORT_V1 = 16819;

    private static boolean started;

    private CephLab() {
    }

    /** Starts the lab unless this JVM already did. */
    static synchronized void ensureStarted() throws IOException, InterruptedException {
        if (started) {
            return;
        }
        Path script = root().resolve("scripts/ceph-lab");
        List<String> cmd = List.of(script.toString(), "start", "--dir", DIR.toString(), "--mon-port-v2", String.valueOf(PORT_V2),
                "--mon-port-v1", String.valueOf(PORT_V1), "--auth", "cephx", "--mode", "secure");
        String[] r = run(cmd, 300);
        if (!r[0].equals("0")) {
            throw new IllegalStateException("the Ceph lab did not start (" + String.join(" ", cmd) + "), exit " + r[0] + ":\n" + r[1]);
        }
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of(script.toString(), "stop", "--dir", DIR.toString()), 120);
            } catch (IOException | InterruptedException e) {
                System.err.println("stopping the Ceph lab: " + e);
            }
        }));
    }

    static Path conf() {
        return DIR.resolve("ceph.conf");
    }

    private static Path root() {
        String r = System.getProperty("inkwire.root");
        Path p = r != null ? Paths.get(r) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ceph-lab"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find scripts/ceph-lab above " + r);
        }
        return p;
    }

    /** Runs a command: {exit code, stdout + stderr}. */
    private static String[] run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("inkwire-karaf-lab", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new String[] {String.valueOf(p.exitValue()), Files.readString(out)};
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
