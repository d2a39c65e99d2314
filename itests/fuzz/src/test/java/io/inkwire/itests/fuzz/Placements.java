package io.inkwire.itests.fuzz;

import io.inkwire.codec.osd.map.OSDMap;
import io.inkwire.codec.osd.map.PgPool;
import io.inkwire.rados.placement.CrushMappingException;
import io.inkwire.rados.placement.ObjectPlacement;
import io.inkwire.rados.placement.Placement;
import java.util.List;

/**
 * What the client does with a map it accepted: place PGs. For a few PGs of a few pools, placement
 * must answer, or give up with a {@link CrushMappingException} (a map too costly to evaluate), and
 * name only OSDs that are up.
 */
final class Placements {

    private Placements() {
    }

    static void placeSomePgs(OSDMap map) {
        int pools = 0;
        for (long poolId : map.pools().keySet()) {
            if (pools++ == 4) {
                return;
            }
            PgPool pool = map.pool(poolId);
            long pgs = Math.min(pool.pgNum(), 4);
            for (int seed = 0; seed < pgs; seed++) {
                ObjectPlacement p;
                try {
                    p = Placement.locatePg(map, poolId, seed);
                } catch (CrushMappingException tooCostly) {
                    return;
                }
                check(map, p, p.up());
                check(map, p, p.acting());
            }
        }
    }

    /** Up and acting sets hold OSDs that are up in this map, or NONE holes. */
    private static void check(OSDMap map, ObjectPlacement p, List<Integer> osds) {
        for (int osd : osds) {
            if (osd != Placement.NONE && !map.isUp(osd)) {
                throw new AssertionError(p + " names osd." + osd + ", which is not up in " + map);
            }
        }
    }
}
