package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.map.OSDMap;

/**
 * The full OSDMap decoder (wrapper, client part v1…v9, pools, per-OSD vectors, pg_temp, upmaps, the
 * embedded CRUSH map, the OSD-only part) on arbitrary bytes, its crc rewritten to match
 * ({@link MapCrcs}): only a MessageDecodeException may come out. A map that decodes must encode to
 * one that decodes equal, and place PGs ({@link Placements}). Seeds: full maps of a real monitor.
 */
class OSDMapFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void osdMap(byte[] input) {
        OSDMap map;
        try {
            map = OSDMap.decode(MapCrcs.fixFull(input));
        } catch (MessageDecodeException expected) {
            return;
        }
        OSDMap again;
        try {
            again = OSDMap.decode(map.encode());
        } catch (MessageDecodeException e) {
            throw new AssertionError("re-encoded " + map + " does not decode", e);
        }
        if (!again.equals(map)) {
            throw new AssertionError(map + " re-encodes to a different " + again);
        }
        Placements.placeSomePgs(map);
    }
}
