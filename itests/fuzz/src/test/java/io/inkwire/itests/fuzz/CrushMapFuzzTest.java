package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.ProtocolException;
import io.inkwire.codec.osd.crush.ChooseArgMap;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.rados.placement.CrushMapper;
import io.inkwire.rados.placement.CrushMappingException;
import java.util.Arrays;

/**
 * The CRUSH map decoder on arbitrary bytes: only a ProtocolException may come out, and a map that
 * decodes encodes to one that decodes equal. Then {@code crush_do_rule} on it for the first rules,
 * a few x and result sizes, with and without its default choose_args: a result of at most the size
 * asked, holding devices below max_devices, existing buckets or NONE holes, or a
 * CrushMappingException when the map is too costly to evaluate. Seeds: crushtool-compiled maps
 * (every bucket algorithm, tunables profiles, choose_args) and a real monitor's.
 */
class CrushMapFuzzTest {

    private static final int[] XS = {0, 1, 0x7fff_ffff};
    private static final int[] SIZES = {1, 3, 6};

    @FuzzTest(maxDuration = "10s")
    void crushMap(byte[] input) {
        CrushMap map;
        try {
            map = CrushMap.decode(input);
        } catch (ProtocolException expected) {
            return;
        }
        CrushMap again;
        try {
            again = CrushMap.decode(map.encode());
        } catch (ProtocolException e) {
            throw new AssertionError("re-encoded " + map + " does not decode", e);
        }
        if (!again.equals(map)) {
            throw new AssertionError(map + " re-encodes to a different " + again);
        }
        int[] weights = weights(map);
        ChooseArgMap defaults = map.chooseArgsFor(CrushMap.DEFAULT_CHOOSE_ARGS);
        int rules = 0;
        for (int rule = 0; rule < map.maxRules() && rules < 4; rule++) {
            if (map.rule(rule) != null) {
                rules++;
                map(map, rule, weights, null);
                if (defaults != null) {
                    map(map, rule, weights, defaults);
                }
            }
        }
    }

    /** Every device in, but every fifth at half weight and every seventh out, so that retries happen. */
    private static int[] weights(CrushMap map) {
        int[] w = new int[Math.min(map.maxDevices(), 256)];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 7 == 6 ? 0 : i % 5 == 4 ? 0x8000 : 0x10000;
        }
        return w;
    }

    private static void map(CrushMap map, int rule, int[] weights, ChooseArgMap chooseArgs) {
        for (int x : XS) {
            for (int size : SIZES) {
                int[] out;
                try {
                    out = CrushMapper.doRule(map, rule, x, size, weights, chooseArgs);
                } catch (CrushMappingException tooCostly) {
                    return; // the rest of this rule would be as costly
                }
                if (out.length > size) {
                    throw new AssertionError("rule " + rule + " x " + x + ": " + out.length + " items for " + size);
                }
                for (int item : out) {
                    boolean device = item >= 0 && item < map.maxDevices();
                    if (!device && item != CrushMap.ITEM_NONE && map.bucket(item) == null) {
                        throw new AssertionError("rule " + rule + " x " + x + " maps to " + item + ": " + Arrays.toString(out));
                    }
                }
            }
        }
    }
}
