package io.inkwire.itests.jpms;

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
 * Providers are found with {@link java.util.ServiceLoader} outside OSGi, with the same result on a
 * plain module path ({@code provides ... with}) and a plain class path ({@code META-INF/services}):
 * the same probe runs in two child JVMs on the jars the reactor built.
 */
class ServiceLoaderDiscoveryTest {

    private static final String JARS = System.getProperty("inkwire.runtime.jars");
    private static final String PROBE = System.getProperty("inkwire.probe.classes");

    @Test
    void modulePathAndClassPathFindTheSameProviders() throws Exception {
        List<String> onModulePath = run(List.of("-p", JARS, "--add-modules", "ALL-MODULE-PATH", "-cp", PROBE, DiscoveryProbe.class.getName()));
        List<String> onClassPath = run(List.of("-cp", JARS + File.pathSeparator + PROBE, DiscoveryProbe.class.getName()));

        List<String> expected = List.of("auth cephx 2", "auth gss 4", "auth none 1", "codecs io.inkwire.codec.mon 14", "codecs io.inkwire.codec.osd 11",
                "mode crc 1", "mode secure 2", "mode xor 120", "transport netty");
        assertEquals(expected, withoutOrigin(onModulePath), String.join("\n", onModulePath));
        assertEquals(withoutOrigin(onModulePath), withoutOrigin(onClassPath));

        assertTrue(onModulePath.contains("auth cephx 2 module io.inkwire.auth.cephx"), String.join("\n", onModulePath));
        assertTrue(onModulePath.contains("mode xor 120 module io.inkwire.example.xormode"), String.join("\n", onModulePath));
        assertTrue(onModulePath.contains("auth gss 4 module io.inkwire.auth.gss"), String.join("\n", onModulePath));
        assertTrue(onModulePath.contains("codecs io.inkwire.codec.osd 11 module io.inkwire.codec.osd"), String.join("\n", onModulePath));
        assertTrue(onClassPath.contains("mode secure 2 classpath"), String.join("\n", onClassPath));
        for (List<String> out : List.of(onModulePath, onClassPath)) {
            assertTrue(out.contains("handshake auth=none mode=xor"), String.join("\n", out));
            assertTrue(out.contains("handshake auth=none mode=crc"), String.join("\n", out));
        }
    }

    /** Provider lines without "module X"/"classpath", plus the handshake lines dropped. */
    private static List<String> withoutOrigin(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("handshake"))
                .map(l -> l.replaceAll(" (module \\S+|classpath)$", "")).collect(Collectors.toList());
    }

    private static List<String> run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("inkwire-jpms", ".out");
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
