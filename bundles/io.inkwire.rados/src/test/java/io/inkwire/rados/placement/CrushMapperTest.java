package io.inkwire.rados.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.codec.osd.crush.ChooseArgMap;
import io.inkwire.codec.osd.crush.CrushMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CRUSH mappings against {@code crushtool --test --show-mappings} of Ceph 16.2: every bucket algorithm
 * (uniform, list, tree, straw, straw2, mixed), firstn and indep, choose and chooseleaf, rules with
 * set_choose_tries/set_chooseleaf_tries and device classes, 1/3/4/6 replicas, x = 0…8191, the tunables
 * profiles argonaut, bobtail, firefly and jewel, fractional and zero reweights, choose_args weight sets and
 * ids, and crushtool's --pool-id (which hashes x with the pool id). The expected outputs are the SHA-256 of
 * crushtool's lines, produced by {@code crush/make-fixtures.sh}.
 */
class CrushMapperTest {

    private static final String DIR = "crush/";
    private static final Map<String, CrushMap> MAPS = new HashMap<>();

    /** One line of mappings.txt. */
    private record Run(String map, int rule, int numRep, String pool, String weights, int lines, String sha256) {
        static Run parse(String line) {
            String[] f = line.trim().split(" ");
            return new Run(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], f[4], Integer.parseInt(f[5]), f[6]);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = CrushMapperTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CrushMap map(String name) {
        return MAPS.computeIfAbsent(name, n -> {
            try {
                return CrushMap.decode(resource(n + ".bin"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** crushtool's device weights: 0x10000 for every device, then each --weight dev w as (int)(w * 0x10000). */
    private static int[] weights(CrushMap m, String spec) {
        int[] w = new int[m.maxDevices()];
        Arrays.fill(w, 0x10000);
        if (!spec.equals("-")) {
            for (String dw : spec.split(",")) {
                String[] kv = dw.split("=");
                w[Integer.parseInt(kv[0])] = (int) (Float.parseFloat(kv[1]) * 0x10000);
            }
        }
        return w;
    }

    /** What {@code crushtool --test --show-mappings} prints for one rule and replica count. */
    static String mappings(CrushMap m, int rule, int numRep, int[] weights, int poolId, ChooseArgMap chooseArgs) {
        StringBuilder out = new StringBuilder();
        for (int x = 0; x <= 8191; x++) {
            int realX = poolId >= 0 ? CrushHash.hash32_2(x, poolId) : x;
            int[] r = CrushMapper.doRule(m, rule, realX, numRep, weights, chooseArgs);
            out.append("CRUSH rule ").append(rule).append(" x ").append(x).append(" [");
            for (int i = 0; i < r.length; i++) {
                out.append(i > 0 ? "," : "").append(r[i]);
            }
            out.append("]\n");
        }
        return out.toString();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void everyRunMatchesCrushtool() throws Exception {
        String[] lines = new String(resource("mappings.txt"), StandardCharsets.US_ASCII).split("\n");
        List<String> mismatches = new ArrayList<>();
        long compared = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Run run = Run.parse(line);
            CrushMap m = map(run.map());
            int pool = run.pool().equals("-") ? -1 : Integer.parseInt(run.pool());
            // crushtool maps with choose_args index 0, whatever --pool-id says
            String got = mappings(m, run.rule(), run.numRep(), weights(m, run.weights()), pool, m.chooseArgsFor(0));
            compared += run.lines();
            if (!sha256(got).equals(run.sha256())) {
                mismatches.add(line + " — ours starts " + got.substring(0, Math.min(120, got.length())).replace('\n', '|'));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " runs differ from crushtool:\n" + String.join("\n", mismatches));
        assertTrue(lines.length >= 696 && compared >= 5_701_632L, "fixtures shrank: " + lines.length + " runs, " + compared);
    }

    @Test
    void theDefaultChooseArgsServePoolsWithoutTheirOwn() throws Exception {
        // ca0's choose_args under key -1 instead of 0: a pool without its own set falls back to them
        CrushMap ca0 = map("ca0");
        Map<Long, ChooseArgMap> rekeyed = Map.of(CrushMap.DEFAULT_CHOOSE_ARGS, ca0.chooseArgs().get(0L));
        CrushMap def = CrushMapCopies.withChooseArgs(ca0, rekeyed);
        assertEquals(ca0.chooseArgs().get(0L), def.chooseArgsFor(42));
        int[] w = weights(def, "-");
        String expected = null;
        for (String line : new String(resource("mappings.txt"), StandardCharsets.US_ASCII).split("\n")) {
            if (line.startsWith("ca0 1 4 - - ")) {
                expected = Run.parse(line).sha256();
            }
        }
        assertEquals(expected, sha256(mappings(def, 1, 4, w, -1, def.chooseArgsFor(42))));
        // and without choose_args the same rule maps differently (the sets matter)
        assertTrue(!expected.equals(sha256(mappings(def, 1, 4, w, -1, null))));
    }
}
