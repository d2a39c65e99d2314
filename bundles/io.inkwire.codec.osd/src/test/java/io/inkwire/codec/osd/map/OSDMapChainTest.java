package io.inkwire.codec.osd.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.crush.CrushMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every epoch a real Ceph 16.2 monitor made (map/chain, see make-chain.sh): applying its incremental
 * to the map before gives exactly the monitor's full map of that epoch, from epoch 1 to 78, through
 * OSD creation and boot, pools replicated and EC, reweights, primary affinity, pg_temp with NONE
 * holes, pg_upmap, CRUSH edits, a deleted pool and a removed OSD. Each map and incremental also
 * re-encodes to what decodes the same.
 */
class OSDMapChainTest {

    private static final int LAST = 78;

    private static byte[] resource(String name) {
        try (InputStream in = OSDMapChainTest.class.getResourceAsStream("chain/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource chain/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OSDMap full(int epoch) throws Exception {
        return OSDMap.decode(resource("full-" + epoch + ".bin"));
    }

    private static OSDMapIncremental incremental(int epoch) throws Exception {
        return OSDMapIncremental.decode(resource("inc-" + epoch + ".bin"));
    }

    @Test
    void every_incremental_applied_gives_the_monitors_full_map_of_its_epoch() throws Exception {
        OSDMap map = full(1);
        for (int e = 2; e <= LAST; e++) {
            map = map.apply(incremental(e));
            OSDMap expected = full(e);
            assertEquals(e, map.epoch());
            assertEquals(expected, map, "epoch " + e);
            // the CRUSH input too: the weights every mapping of this epoch uses
            assertArrayEquals(expected.osdWeights(), map.osdWeights(), "weights at epoch " + e);
        }
    }

    @Test
    void every_map_and_incremental_reads_back_as_it_was_written() throws Exception {
        for (int e = 1; e <= LAST; e++) {
            OSDMap m = full(e);
            assertEquals(m, OSDMap.decode(m.encode()), "full map " + e);
            if (e > 1) {
                byte[] once = incremental(e).encode();
                assertArrayEquals(once, OSDMapIncremental.decode(once).encode(), "incremental " + e);
            }
        }
    }

    @Test
    void the_chain_goes_through_what_the_applying_code_must_get_right() throws Exception {
        // OSDs created: new_state carries NEW only, the weight makes them exist (set_weight)
        OSDMapIncremental created = incremental(2);
        assertEquals(List.of((long) OsdState.NEW), List.copyOf(created.newState().values()));
        assertTrue(full(2).exists(0) && !full(2).isUp(0));
        // pg_temp with a NONE hole for the EC pool, and pg_temp removals
        assertEquals(List.of(2, CrushMap.ITEM_NONE, 1), incremental(55).newPgTemp().get(new PgId(3, 1)));
        assertTrue(incremental(54).newPgTemp().get(new PgId(3, 1)).isEmpty());
        assertEquals(List.of(1, 2), full(LAST).pgUpmap().get(new PgId(2, 1)));
        assertEquals(List.of(4L), List.copyOf(incremental(66).oldPools()));
        assertTrue(incremental(73).crush().hasRemaining(), "osd.2 removed from CRUSH");
        // osd rm: EXISTS XORed into an existing OSD destroys it
        assertEquals(OsdState.EXISTS, incremental(75).newState().get(2).intValue());
        assertTrue(full(74).exists(2));
        assertFalse(full(75).exists(2));
        assertEquals(2, full(LAST).crush().maxDevices(), "crush_finalize's max_devices, not the wire's");
    }
}
