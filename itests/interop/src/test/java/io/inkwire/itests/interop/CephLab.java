package io.inkwire.itests.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real Ceph cluster on loopback for one test class, started and stopped with the project's
 * {@code scripts/ceph-lab}. If it cannot start, the class fails (never skips): interop is the point.
 */
public final class CephLab implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final List<String> startArgs = new ArrayList<>();
    private final Path dir;
    private final int portV2;
    private final int portV1;

    private CephLab(String name, int portV2, int portV1) {
        this.dir = Paths.get("/tmp", "inkwire-itest-" + name);
        this.portV2 = portV2;
        this.portV1 = portV1;
    }

    /** A lab in /tmp/inkwire-itest-NAME with its monitor on the given v2/v1 ports. */
    public static CephLab create(String name, int portV2, int portV1) {
        return new CephLab(name, portV2, portV1);
    }

    public CephLab auth(String auth) {
        startArgs.add("--auth");
        startArgs.add(auth);
        return this;
    }

    public CephLab mode(String modes) {
        startArgs.add("--mode");
        startArgs.add(modes);
        return this;
    }

    /** The protocols the daemons bind: {@code v2v1} (the script's default), {@code v1} or {@code v2}. */
    public CephLab msgr(String protocols) {
        startArgs.add("--msgr");
        startArgs.add(protocols);
        return this;
    }

    public CephLab osd() {
        startArgs.add("--osd");
        return this;
    }

    /** {@code n} memstore OSDs, each under a host bucket of its own (replicas spread over them). */
    public CephLab osds(int n) {
        startArgs.add("--osds");
        startArgs.add(String.valueOf(n));
        return this;
    }

    /**
     * {@code n} monitors ({@code --mons}): mon.a, mon.b, … on consecutive ports from the v2/v1 ports
     * given to {@link #create}, all in mon_host; the lab starts once all are in the quorum.
     */
    public CephLab mons(int n) {
        startArgs.add("--mons");
        startArgs.add(String.valueOf(n));
        return this;
    }

    /** A mgr too ({@code --mgr}): Pacific's mgr carries pg_num changes out. */
    public CephLab mgr() {
        startArgs.add("--mgr");
        return this;
    }

    /** Each memstore OSD's store size ({@code --memstore-bytes}; the script's default is 512 MiB). */
    public CephLab memstoreBytes(long bytes) {
        startArgs.add("--memstore-bytes");
        startArgs.add(String.valueOf(bytes));
        return this;
    }

    public CephLab serviceTicketTtl(int seconds) {
        startArgs.add("--service-ticket-ttl");
        startArgs.add(String.valueOf(seconds));
        return this;
    }

    public static Path root() {
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

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root().resolve("scripts/ceph-lab").toString(), "start", "--dir", dir.toString(),
                "--mon-port-v2", String.valueOf(portV2), "--mon-port-v1", String.valueOf(portV1)));
        cmd.addAll(startArgs);
        Result r = run(cmd, 300);
        if (r.exit != 0) {
            throw new IllegalStateException("the Ceph lab did not start (" + String.join(" ", cmd) + "), exit " + r.exit + ":\n" + r.out + r.err);
        }
    }

    /**
     * A test against the lab failed: what the cluster says of itself goes to stderr, into the test's
     * report, while the lab still runs (its directory and logs are gone once the class ends).
     */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println(context.getDisplayName() + " failed: " + cause + "\n" + state());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        run(List.of(root().resolve("scripts/ceph-lab").toString(), "stop", "--dir", dir.toString()), 120);
    }

    public Path conf() {
        return dir.resolve("ceph.conf");
    }

    public Path adminKeyring() {
        return dir.resolve("ceph.client.admin.keyring");
    }

    public Path dir() {
        return dir;
    }

    public int portV2() {
        return portV2;
    }

    public int portV1() {
        return portV1;
    }

    /** Runs Ceph's own {@code ceph} CLI against this lab. */
    public Result ceph(String... args) throws IOException, InterruptedException {
        return ceph(60, args);
    }

    /** {@code ceph} against the lab, killed after {@code seconds}. */
    private Result ceph(int seconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("timeout", String.valueOf(seconds), "ceph", "-c", conf().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, seconds + 30);
    }

    /** Sends a signal to one daemon of the lab ({@code ceph-lab kill}): KILL and TERM wait until it is gone. */
    public void signal(String daemon, String signal) throws IOException, InterruptedException {
        lab("kill", daemon, "--signal", signal);
    }

    /** Starts a daemon that is not running again and waits until it serves ({@code ceph-lab revive}). */
    public void revive(String daemon) throws IOException, InterruptedException {
        lab("revive", daemon);
    }

    private void lab(String command, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root().resolve("scripts/ceph-lab").toString(), command, "--dir", dir.toString()));
        cmd.addAll(List.of(args));
        Result r = run(cmd, 150);
        if (r.exit != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed, exit " + r.exit + ":\n" + r.out + r.err);
        }
    }

    /** Runs Ceph's own {@code rados} tool against this lab, bounded (120 s, killed at 150 s). */
    public Result rados(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("timeout", "120", "rados", "-c", conf().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, 150);
    }

    /**
     * Until Ceph's own {@code rados} puts and removes an object in the pool (its PGs are active), at
     * most 120 s; then fails.
     */
    public void waitForIo(String pool) throws IOException, InterruptedException {
        Path f = Files.writeString(Files.createTempFile("inkwire", ".smoke"), "smoke");
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Result put;
            while ((put = rados("-p", pool, "put", "smoke", f.toString())).exit() != 0) {
                if (System.nanoTime() >= until) {
                    throw new AssertionError("pool " + pool + " never served a put (last: exit " + put.exit() + ", "
                            + put.err().strip() + ")\n" + state());
                }
                Thread.sleep(500);
            }
            Result rm = rados("-p", pool, "rm", "smoke");
            if (rm.exit() != 0) {
                throw new AssertionError("rados rm smoke in " + pool + ": " + rm.out() + rm.err());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /**
     * What the cluster says of itself, for a failure's message: {@code health detail}, the last 40
     * lines of the cluster log (a health check raised and cleared between two looks is there), each
     * OSD's space as it counts it ({@code tell osd.N perf dump osd}: its {@code stat_bytes} lines) and
     * all of {@code osd dump} (a write held by a full flag, say, names its cause there in the map's,
     * the OSDs' and the pools' flags; the lab's directory is gone once the class ends). Not
     * {@code osd df}: in Pacific the mgr answers it, and a lab without one leaves it waiting until the
     * timeout. Never throws.
     */
    public String state() {
        StringBuilder b = new StringBuilder("--- cluster state");
        try {
            section(b, 60, "", String::strip, "health", "detail");
            section(b, 60, "", String::strip, "log", "last", "40");
            String osds = section(b, 60, "", String::strip, "osd", "ls");
            for (String id : osds.strip().split("\\s+")) {
                if (!id.isEmpty()) {
                    // an OSD that is down does not answer: a shorter bound than the others'
                    section(b, 15, " | grep stat_bytes", CephLab::spaceLines, "tell", "osd." + id, "perf", "dump", "osd");
                }
            }
            section(b, 60, "", String::strip, "osd", "dump");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b.append(e);
        }
        return b.toString();
    }

    /**
     * Appends {@code $ ceph ARGS} (and {@code shownAs}, how the output is cut) and the output as
     * {@code shown} gives it, or how the command failed; returns its output, empty if it failed.
     */
    private String section(StringBuilder b, int seconds, String shownAs, UnaryOperator<String> shown, String... args)
            throws InterruptedException {
        b.append("\n$ ceph ").append(String.join(" ", args)).append(shownAs).append('\n');
        try {
            Result r = ceph(seconds, args);
            b.append(r.exit() == 0 ? shown.apply(r.out()) : "exit " + r.exit() + ": " + r.err().strip());
            return r.exit() == 0 ? r.out() : "";
        } catch (IOException | RuntimeException e) {
            b.append(e);
            return "";
        }
    }

    /** Of an OSD's {@code perf dump osd}: its {@code stat_bytes*} counters, the space it counts. */
    private static String spaceLines(String perfDump) {
        return perfDump.lines().filter(l -> l.contains("\"stat_bytes"))
                .map(String::strip).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The monitor's log, for checks of what it saw. */
    public String monLog() throws IOException {
        Path log = dir.resolve("log/mon.a.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** A finished process. */
    public record Result(int exit, String out, String err) {
    }

    private static String head(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "[...]";
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : "[...]" + s.substring(s.length() - max);
    }

    /** {@code jcmd PID Thread.print} of a process that is a JVM, else what jcmd said. */
    private static String threadDump(Process p) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process d = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "Thread.print").redirectErrorStream(true).start();
            byte[] dump = d.getInputStream().readAllBytes();
            d.waitFor(30, TimeUnit.SECONDS);
            return new String(dump, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "no thread dump: " + e;
        }
    }

    public static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("inkwire-itest", ".out");
        Path err = Files.createTempFile("inkwire-itest", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                String threads = threadDump(p);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                // what the process printed and, for a JVM, where its threads stood, in the failure itself:
                // a hang on a CI machine is diagnosed from the build's log
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd)
                        + "\n--- stdout (end)\n" + tail(Files.readString(out), 3000) + "\n--- stderr (end)\n"
                        + tail(Files.readString(err), 3000) + "\n--- threads (main first)\n" + head(threads, 16000));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
