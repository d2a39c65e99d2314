package io.inkwire.camel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Ceph cluster on loopback (one monitor, one memstore OSD, pool {@code test}, cephx),
 * started with the project's {@code scripts/ceph-lab} once per test JVM and stopped when the
 * run ends (the pattern of itests/interop's CephLab, which this module cannot depend on). If it
 * cannot start, the tests fail, never skip. Its ports (13520/16920) are used by no other test.
 */
public final class CephLab implements BeforeAllCallback {

    static final Path DIR = Paths.get("/tmp", "inkwire-itest-camel");
    static final int PORT_V2 = 13520;
    static final int PORT_V1 = 16920;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(CephLab.class, k -> start(),
                Running.class);
    }

    /** Closed by JUnit when the whole run ends: stops the lab. */
    static final class Running implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            run(List.of(script().toString(), "stop", "--dir", DIR.toString()), 120);
        }
    }

    private static Running start() {
        List<String> cmd = List.of(script().toString(), "start", "--dir", DIR.toString(), "--mon-port-v2", String.valueOf(PORT_V2),
                "--mon-port-v1", String.valueOf(PORT_V1), "--auth", "cephx", "--osd");
        try {
            Result r = run(cmd, 300);
            if (r.exit != 0) {
                throw new IllegalStateException("the Ceph lab did not start (" + String.join(" ", cmd) + "), exit " + r.exit + ":\n" + r.out + r.err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Ceph lab did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the Ceph lab", e);
        }
        return new Running();
    }

    static Path conf() {
        return DIR.resolve("ceph.conf");
    }

    static Path adminKeyring() {
        return DIR.resolve("ceph.client.admin.keyring");
    }

    static Path script() {
        String r = System.getProperty("inkwire.root");
        Path p = r != null ? Paths.get(r) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ceph-lab"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find scripts/ceph-lab above " + (r != null ? r : Paths.get("").toAbsolutePath()));
        }
        return p.resolve("scripts/ceph-lab");
    }

    /** Ceph's own {@code rados} tool against the lab, {@code rados -c CONF ARGS…}; fails the test on a non-zero exit. */
    static String rados(String... args) throws IOException, InterruptedException {
        Result r = radosResult(args);
        if (r.exit != 0) {
            throw new AssertionError("rados " + String.join(" ", args) + " exited " + r.exit + ": " + r.err);
        }
        return r.out;
    }

    /** {@code rados} as {@link #rados}, its exit status and output returned as they are. */
    static Result radosResult(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("timeout", "120", "rados", "-c", conf().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, 150);
    }

    /** A finished process. */
    record Result(int exit, String out, String err) {
    }

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("inkwire-camel", ".out");
        Path err = Files.createTempFile("inkwire-camel", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
