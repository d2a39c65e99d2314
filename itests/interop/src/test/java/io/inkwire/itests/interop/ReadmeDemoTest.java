package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./inkwire demo}, as a new user runs it: in a copy of the
 * source tree with no build output at all, the launcher builds what it needs (one Maven
 * invocation, against the local repository the test build uses) and then runs the demo, which
 * must report every installed auth/mode pair with a verified echo. A second run starts at once,
 * without building.
 */
class ReadmeDemoTest {

    private static final List<String> PAIRS = List.of("cephx + secure", "cephx + crc", "none + crc");

    @TempDir
    Path copy;

    @Test
    void the_first_command_of_the_readme_builds_and_runs_the_demo_on_a_fresh_tree() throws Exception {
        copySources(CephLab.root(), copy);
        assertFalse(Files.exists(copy.resolve("bundles/io.inkwire.cli/target")), "the copy has no build output");

        CephLab.Result first = CephLab.run(launcher("demo", "--seconds", "1"), 600);
        assertEquals(0, first.exit(), first.out() + first.err());
        assertTrue(first.err().contains("inkwire: building"), "the first run builds: " + first.err());
        for (String pair : PAIRS) {
            assertTrue(first.out().lines().anyMatch(l -> l.strip().startsWith(pair + ":") && l.contains("proto=msgr2")),
                    pair + " negotiated: " + first.out());
        }
        assertEquals(PAIRS.size(), first.out().lines().filter(l -> l.contains("echo of 4 KiB verified")).count(), first.out());

        CephLab.Result second = CephLab.run(launcher("demo", "--seconds", "1"), 120);
        assertEquals(0, second.exit(), second.out() + second.err());
        assertFalse(second.err().contains("inkwire: building"), "the second run does not build again: " + second.err());

        // the launcher's JVM for a client command (README, "The command line"): the first run wrote a
        // CDS archive at exit, under its pid; the second took it up, and the next runs map it
        Path target = copy.resolve("bundles/io.inkwire.cli/target");
        Path archive = target.resolve("inkwire-cds.jsa");
        assertTrue(Files.isRegularFile(archive) && Files.size(archive) > 0, "the first run's class archive was taken up");
        CephLab.Result client = CephLab.run(launcher("-XX:+PrintCommandLineFlags -XshowSettings:properties", "demo", "--seconds", "1"), 120);
        assertEquals(0, client.exit(), client.out() + client.err());
        for (String flag : List.of("-XX:+UseSerialGC", "-XX:FreqInlineSize=35", "-XX:InlineSmallCode=300",
                "-XX:SharedArchiveFile=" + archive)) {
            assertTrue(client.out().contains(flag), flag + " for a client command: " + client.out());
        }
        // and Netty's leak detector off: a command prints no log without -v
        assertTrue(client.err().contains("io.netty.leakDetection.level = disabled"), client.err());
        assertTrue(client.out().contains("echo of 4 KiB verified"), client.out());
        // serve and bench keep the JVM's defaults
        CephLab.Result bench = CephLab.run(launcher("-XX:+PrintCommandLineFlags -XshowSettings:properties", "-f", "json", "bench", "--help"), 120);
        assertFalse(bench.out().contains("-XX:+UseSerialGC") || bench.out().contains("SharedArchiveFile"), bench.out());
        assertFalse(bench.err().contains("io.netty.leakDetection.level"), bench.err());

        // C1 alone for a client command none of whose sessions can be secure, crc-only by the command
        // line, CEPH_ARGS or the conf file; whatever allows secure (Ceph's defaults included) keeps C2,
        // whose code alone reaches JDK 17's AES-GCM intrinsics
        Path none = Files.writeString(copy.resolve("empty.conf"), "");
        Path crc = Files.writeString(copy.resolve("crc.conf"), "[global]\nms client mode = crc\nms_mon_client_mode = crc\n");
        Path mixed = Files.writeString(copy.resolve("mixed.conf"),
                "[global]\nms_client_mode = crc\nms_mon_client_mode = crc\n[client.admin]\nms_client_mode = secure crc\n");
        String bothCrc = "--ms_client_mode=crc --ms_mon_client_mode=crc";
        assertFalse(onC1Alone(null, "-c", none.toString()), "Ceph's defaults allow secure");
        assertFalse(onC1Alone(null, "-c", none.toString(), "--ms_client_mode=crc"), "the monitor's default allows secure");
        assertTrue(onC1Alone(null, "-c", none.toString(), "--ms_client_mode=crc", "--ms-mon-client-mode", "crc"), "crc by the command line");
        assertTrue(onC1Alone(bothCrc, "-c", none.toString()), "crc by CEPH_ARGS");
        assertFalse(onC1Alone(bothCrc, "-c", none.toString(), "--ms_client_mode=secure"), "the command line over CEPH_ARGS");
        assertTrue(onC1Alone(null, "-c", crc.toString()), "crc by the conf file");
        assertFalse(onC1Alone(null, "-c", crc.toString(), "--ms_client_mode", "crc secure"), "the command line over the conf");
        assertFalse(onC1Alone(null, "-c", mixed.toString()), "a client section allowing secure");

        // a build newer than the archive retires it: the next run writes a fresh one, the one after takes it up
        Path jar = Inkwire.cliJar(target);
        // a second ago: newer than the archive (written at the end of the first run, three runs back),
        // older than the dump the next run writes
        long newer = System.currentTimeMillis() - 1000;
        assertTrue(Files.getLastModifiedTime(archive).toMillis() < newer, "the archive is older than " + newer);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(newer));
        // a usage text loads next to nothing: it retires the archive but lays no new one down
        CephLab.Result help = CephLab.run(launcher("--help"), 120);
        assertTrue(help.out().contains("usage: inkwire"), help.out() + help.err());
        assertFalse(Files.exists(archive), "the archive older than the jar was retired");
        try (Stream<Path> dumps = Files.list(target.resolve("cds-dumps"))) {
            assertEquals(0, dumps.count(), "no dump from --help");
        }
        CephLab.Result rebuilt = CephLab.run(launcher("demo", "--seconds", "1"), 120);
        assertEquals(0, rebuilt.exit(), rebuilt.out() + rebuilt.err());
        assertFalse(Files.exists(archive), "the archive older than the jar was retired");
        try (Stream<Path> dumps = Files.list(target.resolve("cds-dumps"))) {
            assertEquals(1, dumps.filter(p -> p.getFileName().toString().matches("inkwire-\\d+\\.jsa")).count(), "a fresh dump");
        }
        assertEquals(0, CephLab.run(launcher("demo", "--seconds", "1"), 120).exit());
        assertTrue(Files.isRegularFile(archive), "the fresh dump was taken up");

        // `rados bench` keeps an archive of its own, beside the one of the other client commands (a
        // run that finds no monitor still loads the command's classes and writes its dump at exit)
        List<String> benchRun = List.of("-m", "127.0.0.1:1", "--client_mount_timeout", "1", "rados", "-p", "x", "bench", "1", "write");
        CephLab.Result noMonitor = CephLab.run(launcher(benchRun.toArray(String[]::new)), 120);
        assertEquals(110, noMonitor.exit(), noMonitor.out() + noMonitor.err()); // ETIMEDOUT, as Ceph's rados exits
        try (Stream<Path> dumps = Files.list(target.resolve("cds-dumps"))) {
            assertEquals(1, dumps.filter(p -> p.getFileName().toString().matches("inkwire-rados-bench-\\d+\\.jsa")).count(),
                    "a dump of the bench's own");
        }
        List<String> traced = new ArrayList<>(List.of("-XX:+PrintCommandLineFlags"));
        traced.addAll(benchRun);
        CephLab.Result again = CephLab.run(launcher(traced.toArray(String[]::new)), 120);
        assertTrue(again.out().contains("-XX:SharedArchiveFile=" + target.resolve("inkwire-rados-bench-cds.jsa")), again.out());
        assertTrue(Files.isRegularFile(archive), "the other commands' archive stays");
    }

    /** Whether the launcher runs {@code ./inkwire ARGS --help} on C1 alone, with CEPH_ARGS as given (null: unset). */
    private boolean onC1Alone(String cephArgs, String... args) throws Exception {
        List<String> cmd = launcher(Stream.concat(Stream.of("-XX:+PrintCommandLineFlags"), Stream.of(args)).toArray(String[]::new));
        cmd.addAll(1, cephArgs == null ? List.of("-u", "CEPH_ARGS") : List.of("CEPH_ARGS=" + cephArgs));
        cmd.add("--help");
        CephLab.Result r = CephLab.run(cmd, 120);
        assertTrue(r.out().contains("-XX:+UseSerialGC") && r.out().contains("usage: inkwire"), r.out() + r.err());
        return r.out().contains("-XX:TieredStopAtLevel=1");
    }

    /**
     * {@code ./inkwire ARGS} in the copy, with Maven pointed at the repository this build uses; a
     * first argument starting with {@code -XX:} goes to {@code INKWIRE_JAVA_OPTS} instead.
     */
    private List<String> launcher(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "MAVEN_OPTS=-Dmaven.repo.local=" + localRepository()));
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).startsWith("-XX:")) {
            cmd.add("INKWIRE_JAVA_OPTS=" + rest.remove(0));
        }
        cmd.add(copy.resolve("inkwire").toString());
        cmd.addAll(rest);
        return cmd;
    }

    private static String localRepository() {
        String repo = System.getProperty("inkwire.maven.repo.local");
        if (repo == null || repo.isBlank() || repo.contains("${")) {
            throw new IllegalStateException("inkwire.maven.repo.local is not set (the pom passes ${settings.localRepository})");
        }
        return repo;
    }

    /** What a clone holds that the build reads: the poms, the launcher and the sources, no target/. */
    private static void copySources(Path from, Path to) throws IOException {
        Files.copy(from.resolve("inkwire"), to.resolve("inkwire"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(from.resolve("pom.xml"), to.resolve("pom.xml"));
        // every top-level directory the root pom may name as a module (bundles, bom, itests, …), so a
        // module added later is copied too
        List<Path> tops;
        try (Stream<Path> dirs = Files.list(from)) {
            tops = dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.exists(d.resolve("pom.xml"))).toList();
        }
        for (Path top : tops) {
            try (Stream<Path> files = Files.walk(top)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path rel = from.relativize(p);
                    if (rel.toString().contains("/target") || rel.getFileName().toString().equals("target")) {
                        continue;
                    }
                    Path dest = to.resolve(rel.toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

}
