package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench -f json}: a short real run on loopback, checked for the figures the issue asks for. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void shortCrcRunReportsEveryFigureAsJson() throws Exception {
        Path conf = Files.writeString(dir.resolve("ceph.conf"), "[global]\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(List.of("-c", conf.toString(), "bench", "--size", "4096", "--mode", "crc", "--seconds", "1.5", "--warmup",
                "0.3", "--limit-seconds", "0.1", "--in-flight", "8", "-f", "json"), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String json = out.toString(StandardCharsets.UTF_8).trim();
        assertEquals(0, rc, () -> "stderr: " + err);
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("measuring"), "a progress line on stderr");

        assertTrue(number(json, "messages") > 0, json);
        double perSecond = number(json, "messages_per_s");
        assertTrue(perSecond > 0, json);
        assertEquals(perSecond * 4096 / 1e6, number(json, "mb_per_s"), perSecond * 4096 / 1e6 * 0.01, "MB/s = msg/s x size");
        double p50 = number(json, "p50");
        double p99 = number(json, "p99");
        assertTrue(p50 > 0 && p99 >= p50 && number(json, "p99_9") >= p99, json);
        assertTrue(number(json, "cpu_s_per_gb") > 0 && number(json, "cpu_s_per_1000_messages") > 0, json);
        assertTrue(number(json, "alloc_bytes_per_message") > 0, json);
        assertTrue(number(json, "crc32c_gb_per_s") > 0 && number(json, "aes128gcm_gb_per_s") > 0
                && number(json, "nio_loopback_gb_per_s") > 0, json);
        double vsNio = number(json, "vs_nio_loopback");
        assertEquals(number(json, "mb_per_s") / 1e3 / number(json, "nio_loopback_gb_per_s"), vsNio, vsNio * 0.01, "ratio to the stream");
        assertTrue(number(json, "vs_crc32c") > 0 && number(json, "vs_aes128gcm") > 0, json);
        assertTrue(json.contains("\"in_flight\":8") && json.contains("\"mode\":\"crc\"") && json.contains("\"targets\":["), json);
        assertTrue(json.contains("\"seconds\":") && json.contains("\"warmup\":{"), json);
    }

    @Test
    void badSizeIsAUsageError() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path conf = Files.writeString(dir.resolve("ceph.conf"), "[global]\n");
        int rc = Main.run(List.of("-c", conf.toString(), "bench", "--size", "lots"), Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--size"), err.toString(StandardCharsets.UTF_8));
    }

    /** The first number under {@code "key":} in the document. */
    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), () -> key + " missing in " + json);
        return Double.parseDouble(m.group(1));
    }
}
