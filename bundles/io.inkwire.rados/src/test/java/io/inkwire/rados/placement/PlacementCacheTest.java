package io.inkwire.rados.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.codec.osd.map.OSDMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Placement keeps each PG's up and acting sets after its first object: every later object of that
 * PG must be placed exactly as a fresh computation places it. The map is epoch 57 of the monitor's
 * chain in {@code io.inkwire.codec.osd}'s tests (a 3-OSD lab: a replicated pool of pg_num 8, one of
 * 16 with size 2, an EC 2+1 pool, 18 pg_temp entries, a pg_upmap, a reweight and a primary affinity
 * below 1).
 */
class PlacementCacheTest {

    private static final byte[] MAP = resource("osdmap-e57.bin");

    @Test
    void every_object_of_a_pg_already_placed_is_placed_as_a_fresh_computation_places_it() throws Exception {
        OSDMap map = decode();
        Placement warm = Placement.of(map);
        int compared = 0;
        for (long pool : map.pools().keySet()) {
            for (int i = 0; i < 600; i++) {
                for (String ns : new String[] {"", "ns1"}) {
                    String oid = "obj-" + i;
                    // a Placement over another decoding of the same map has nothing kept: its answer is computed
                    ObjectPlacement fresh = Placement.of(decode()).locate(pool, oid, null, ns);
                    assertEquals(fresh, warm.locate(pool, oid, null, ns), pool + "/" + ns + "/" + oid);
                    assertEquals(ObjectHash.hashKey(map.pool(pool).objectHash(), oid, ns), fresh.rawHash());
                    compared++;
                }
            }
        }
        assertEquals(3 * 600 * 2, compared);
    }

    @Test
    void the_objects_of_one_pg_share_its_kept_sets_and_keep_their_own_hash() throws Exception {
        OSDMap map = decode();
        Placement p = Placement.of(map);
        long pool = map.pools().entrySet().stream().filter(e -> e.getValue().isErasure()).map(Map.Entry::getKey).findFirst().orElseThrow();
        ObjectPlacement first = p.locate(pool, "a", null, "");
        int seen = 0;
        for (int i = 0; i < 200; i++) {
            ObjectPlacement other = p.locate(pool, "b" + i, null, "");
            if (other.pgSeed() == first.pgSeed()) {
                assertSame(first.acting(), other.acting(), "the PG's acting set is computed once");
                assertEquals(ObjectHash.hashKey(map.pool(pool).objectHash(), "b" + i, ""), other.rawHash());
                seen++;
            }
        }
        assertTrue(seen > 0, "some of 200 names share a PG of 8 with the first");
        // a PG asked for by its seed is that PG's placement, its raw hash the seed
        ObjectPlacement pg = p.locatePg(pool, first.pgSeed());
        assertEquals(first.pgSeed(), pg.rawHash());
        assertEquals(first.acting(), pg.acting());
        assertEquals(first.up(), pg.up());
    }

    private static OSDMap decode() throws Exception {
        return OSDMap.decode(ByteBuffer.wrap(MAP));
    }

    private static byte[] resource(String name) {
        try (InputStream in = PlacementCacheTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
