package io.inkwire.itests.radosclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The jars {@code inkwire-rados-client} brings, and nothing else, give a consumer the whole default
 * set: run as a module path ({@code provides … with}) and as a class path ({@code META-INF/services}),
 * {@link ClientProbe} finds the Netty transport, auth none and cephx, modes crc and secure, the
 * monitor and OSD codecs, the client and the config reader, and handshakes with auth none in crc
 * mode and with cephx in secure mode.
 */
class RadosClientAggregateTest {

    private static final String JARS = System.getProperty("inkwire.runtime.jars");
    private static final String PROBE = System.getProperty("inkwire.probe.classes");

    /** Every message type the monitor and OSD codec bundles register, in order. */
    private static final String CODEC_TYPES = "codec types 2,4,5,13,14,15,16,17,18,19,20,41,42,43,44,48,49,50,51,58,59,61,62,97,98";

    @Test
    void theAggregateAloneBringsEveryDefaultProviderOnBothPaths() throws Exception {
        List<String> modulePath = run(List.of("-p", JARS, "--add-modules", "ALL-MODULE-PATH", "-cp", PROBE,
                ClientProbe.class.getName()));
        List<String> classPath = run(List.of("-cp", JARS + File.pathSeparator + PROBE, ClientProbe.class.getName()));

        List<String> expected = List.of(
                "auth cephx module io.inkwire.auth.cephx",
                "auth none module io.inkwire.auth.none",
                "client module io.inkwire.rados",
                CODEC_TYPES,
                "codecs from module io.inkwire.codec.mon",
                "codecs from module io.inkwire.codec.osd",
                "config module io.inkwire.config",
                "handshake auth=cephx mode=secure",
                "handshake auth=none mode=crc",
                "mode crc module io.inkwire.mode.crc",
                "mode secure module io.inkwire.mode.secure",
                "transport netty module io.inkwire.transport.netty");
        assertEquals(expected, sorted(modulePath), String.join("\n", modulePath));
        assertEquals(expected.stream().map(l -> l.replaceAll("module \\S+$", "classpath")).distinct().toList(),
                sorted(classPath), String.join("\n", classPath));
    }

    @Test
    void theRuntimeJarsAreTheClientsAndNotTheWholeProject() {
        List<String> names = List.of(JARS.split(File.pathSeparator)).stream().map(p -> Path.of(p).getFileName().toString())
                .filter(n -> n.startsWith("io.inkwire.")).map(n -> n.replaceAll("-[0-9].*", "")).sorted().toList();
        assertEquals(List.of("io.inkwire.api", "io.inkwire.auth.cephx", "io.inkwire.auth.none", "io.inkwire.codec.mon",
                "io.inkwire.codec.osd", "io.inkwire.config", "io.inkwire.mode.crc", "io.inkwire.mode.secure",
                "io.inkwire.monclient", "io.inkwire.protocol", "io.inkwire.rados", "io.inkwire.transport.netty",
                "io.inkwire.wire"), names, JARS);
        assertTrue(JARS.contains("netty-transport"), JARS);
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().collect(Collectors.toList());
    }

    private static List<String> run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("inkwire-rados-client", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            List<String> lines = Files.readAllLines(out);
            assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + String.join("\n", lines));
            return lines;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
