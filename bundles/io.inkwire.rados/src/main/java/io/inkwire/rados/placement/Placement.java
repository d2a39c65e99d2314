package io.inkwire.rados.placement;

import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.codec.osd.map.OSDMap;
import io.inkwire.codec.osd.map.PgPool;
import io.inkwire.codec.osd.map.UpmapItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Object placement over one {@link OSDMap}, as Ceph computes it ({@code src/osd/OSDMap.cc},
 * {@code src/osd/osd_types.cc}):
 * <ol>
 * <li>hash the name, or the locator key when there is one, prefixed by {@code nspace + '\037'} in a
 *     namespace ({@code pg_pool_t::hash_key}) → the raw PG;</li>
 * <li>{@code stable_mod} by pg_num → the actual PG; by pgp_num, hashed with the pool id under
 *     {@code FLAG_HASHPSPOOL} (else added to it) → the placement seed ({@code raw_pg_to_pps});</li>
 * <li>CRUSH with the pool's rule, size and the OSD reweights (and the pool's choose_args, else the
 *     default ones) → raw OSDs, nonexistent ones dropped (replicated) or {@link #NONE} (EC);</li>
 * <li>{@code pg_upmap} (unless it names an out OSD), then each {@code pg_upmap_items} pair whose
 *     target is not already in the set nor out ({@code _apply_upmap});</li>
 * <li>down OSDs dropped or {@link #NONE} → up; the first is the up primary, unless primary affinity
 *     moves it ({@code _apply_primary_affinity});</li>
 * <li>{@code pg_temp} (down OSDs dropped or NONE) replaces the acting set, {@code primary_temp} or
 *     pg_temp's first OSD the acting primary; without them acting = up.</li>
 * </ol>
 * Instances are immutable and thread-safe; {@link #of} keeps the last one made so repeated static
 * calls on the same map reuse its weight vector. Steps 3 to 6 depend on the PG only, so each PG's
 * result is kept with the instance (one map epoch) after its first object: an op on a PG already
 * seen costs the name's hash and a lookup, not a CRUSH descent ({@code Objecter::_calc_target}
 * recomputes it per op; the mgr's {@code OSDMapMapping} precomputes every PG instead).
 */
public final class Placement {

    /** {@code CRUSH_ITEM_NONE}: an EC position without an OSD. */
    public static final int NONE = CrushMap.ITEM_NONE;

    private static volatile Placement last;

    /** PGs whose placement is kept per instance, at most: a bound whatever pg_num the map claims. */
    static final int MAX_CACHED_PGS = 1 << 16;

    private final OSDMap map;
    private final int[] weights;
    /** Each PG's placement (its rawHash the PG seed), as {@link #computePg} made it. */
    private final ConcurrentHashMap<PgId, ObjectPlacement> pgs = new ConcurrentHashMap<>();

    private Placement(OSDMap map) {
        this.map = Objects.requireNonNull(map, "map");
        this.weights = map.osdWeights();
    }

    /** Placement over {@code map}. */
    public static Placement of(OSDMap map) {
        Placement p = last;
        if (p == null || p.map != map) {
            p = new Placement(map);
            last = p;
        }
        return p;
    }

    /** {@link #locate(long, String, String, String)} over {@code map}. */
    public static ObjectPlacement locate(OSDMap map, long poolId, String object, String locatorKey, String nspace) {
        return of(map).locate(poolId, object, locatorKey, nspace);
    }

    /** {@link #locatePg(long, int)} over {@code map}. */
    public static ObjectPlacement locatePg(OSDMap map, long poolId, int seed) {
        return of(map).locatePg(poolId, seed);
    }

    public OSDMap map() {
        return map;
    }

    /**
     * Where an object lives.
     *
     * @param locatorKey hashed instead of the name when neither null nor empty
     * @param nspace the namespace, null or empty for the default one
     * @throws IllegalArgumentException when the map has no such pool
     */
    public ObjectPlacement locate(long poolId, String object, String locatorKey, String nspace) {
        PgPool pool = pool(poolId);
        String key = locatorKey == null || locatorKey.isEmpty() ? object : locatorKey;
        int hash = ObjectHash.hashKey(pool.objectHash(), key, nspace);
        return place(poolId, pool, hash);
    }

    /**
     * Where a PG lives, by its seed (an actual PG number, or any raw hash: it is reduced by
     * {@code stable_mod} first).
     *
     * @throws IllegalArgumentException when the map has no such pool
     */
    public ObjectPlacement locatePg(long poolId, int seed) {
        return place(poolId, pool(poolId), seed);
    }

    private PgPool pool(long poolId) {
        PgPool pool = map.pool(poolId);
        if (pool == null) {
            throw new IllegalArgumentException("pool " + poolId + " does not exist in osdmap e" + map.epoch());
        }
        return pool;
    }

    private ObjectPlacement place(long poolId, PgPool pool, int rawSeed) {
        PgId pg = new PgId(poolId, stableMod(rawSeed, pool.pgNum(), pool.pgNumMask()));
        ObjectPlacement p = pgs.get(pg);
        if (p == null) {
            p = computePg(poolId, pool, pg);
            if (pgs.size() < MAX_CACHED_PGS) {
                pgs.putIfAbsent(pg, p);
            }
        }
        return rawSeed == p.rawHash() ? p
                : new ObjectPlacement(p.epoch(), poolId, rawSeed, p.pgSeed(), p.up(), p.upPrimary(), p.acting(), p.actingPrimary());
    }

    /** Steps 3 to 6 for one PG ({@code _pg_to_up_acting_osds}). */
    private ObjectPlacement computePg(long poolId, PgPool pool, PgId pg) {
        int seed = pg.seed();

        List<Integer> acting = new ArrayList<>();
        int actingPrimary = tempOsds(pool, pg, acting);

        int pps = pps(poolId, pool, seed);
        List<Integer> raw = rawOsds(poolId, pool, pps);
        applyUpmap(pg, raw);
        List<Integer> up = rawToUp(pool, raw);
        int upPrimary = pickPrimary(up);
        upPrimary = applyPrimaryAffinity(pps, pool, up, upPrimary);
        if (acting.isEmpty()) {
            acting = up;
            if (actingPrimary == -1) {
                actingPrimary = upPrimary;
            }
        }
        return new ObjectPlacement(map.epoch(), poolId, seed, seed, up, upPrimary, acting, actingPrimary);
    }

    /** {@code ceph_stable_mod}: x mod b that moves as few values as possible when b grows ({@code bmask = 2^k − 1 ≥ b − 1}). */
    public static int stableMod(int x, long b, int bmask) {
        return Integer.toUnsignedLong(x & bmask) < b ? x & bmask : x & (bmask >>> 1);
    }

    /** {@code raw_pg_to_pps}: the CRUSH input of a PG. */
    public static int pps(long poolId, PgPool pool, int seed) {
        int ps = stableMod(seed, pool.pgpNum(), pool.pgpNumMask());
        if (pool.hasFlag(PgPool.FLAG_HASHPSPOOL)) {
            return CrushHash.hash32_2(ps, (int) poolId); // separate the pools' PGs
        }
        return ps + (int) poolId; // legacy: pools overlap (0.5 == 1.4 == 2.3 …)
    }

    /** {@code _pg_to_raw_osds}: CRUSH, then {@code _remove_nonexistent_osds}. */
    private List<Integer> rawOsds(long poolId, PgPool pool, int pps) {
        CrushMap crush = map.crush();
        int rule = crush.findRule(pool.crushRule(), pool.type(), pool.size());
        int[] out = rule < 0 ? new int[0]
                : CrushMapper.doRule(crush, rule, pps, pool.size(), weights, crush.chooseArgsFor(poolId));
        List<Integer> raw = new ArrayList<>(out.length);
        for (int osd : out) {
            if (map.exists(osd)) {
                raw.add(osd);
            } else if (!pool.canShiftOsds()) {
                raw.add(NONE);
            }
        }
        return raw;
    }

    /** {@code _apply_upmap}: pg_upmap replaces the set, then pg_upmap_items substitute OSDs. */
    private void applyUpmap(PgId pg, List<Integer> raw) {
        List<Integer> explicit = map.pgUpmap().get(pg);
        if (explicit != null) {
            boolean targetOut = false;
            for (int osd : explicit) {
                targetOut |= osd != NONE && osd >= 0 && osd < map.maxOsd() && map.osdWeight(osd) == 0;
            }
            if (targetOut) {
                return; // an explicit mapping to an out OSD is ignored, items too
            }
            raw.clear();
            raw.addAll(explicit);
        }
        List<UpmapItem> items = map.pgUpmapItems().get(pg);
        if (items == null) {
            return;
        }
        // no bidirectional swaps: [[1,2],[2,1]] on [0,1,2] gives [0,2,1] only by accident of order
        for (UpmapItem item : items) {
            boolean present = false;
            int pos = -1;
            for (int i = 0; i < raw.size(); i++) {
                int osd = raw.get(i);
                if (osd == item.to()) {
                    present = true;
                    break;
                }
                boolean targetOut = item.to() != NONE && item.to() >= 0 && item.to() < map.maxOsd()
                        && map.osdWeight(item.to()) == 0;
                if (osd == item.from() && pos < 0 && !targetOut) {
                    pos = i;
                }
            }
            if (!present && pos >= 0) {
                raw.set(pos, item.to());
            }
        }
    }

    /** {@code _raw_to_up_osds}. */
    private List<Integer> rawToUp(PgPool pool, List<Integer> raw) {
        List<Integer> up = new ArrayList<>(raw.size());
        for (int osd : raw) {
            if (map.isUp(osd)) {
                up.add(osd);
            } else if (!pool.canShiftOsds()) {
                up.add(NONE);
            }
        }
        return up;
    }

    private static int pickPrimary(List<Integer> osds) {
        for (int osd : osds) {
            if (osd != NONE) {
                return osd;
            }
        }
        return -1;
    }

    /**
     * {@code _apply_primary_affinity}: when any member has a non-default affinity a, it is passed
     * over as primary for the PGs whose {@code hash(pps, osd) >> 16 ≥ a} (kept as a fallback); a
     * replicated pool moves the chosen primary to the front. Returns the primary.
     */
    private int applyPrimaryAffinity(int pps, PgPool pool, List<Integer> osds, int primary) {
        if (!map.hasPrimaryAffinity()) {
            return primary;
        }
        boolean any = false;
        for (int osd : osds) {
            any |= osd != NONE && map.primaryAffinity(osd) != OSDMap.DEFAULT_PRIMARY_AFFINITY;
        }
        if (!any) {
            return primary;
        }
        int pos = -1;
        for (int i = 0; i < osds.size(); i++) {
            int o = osds.get(i);
            if (o == NONE) {
                continue;
            }
            long a = map.primaryAffinity(o);
            if (a < OSDMap.DEFAULT_PRIMARY_AFFINITY && Integer.toUnsignedLong(CrushHash.hash32_2(pps, o) >>> 16) >= a) {
                if (pos < 0) {
                    pos = i; // rejected, but remembered in case no one else qualifies
                }
            } else {
                pos = i;
                break;
            }
        }
        if (pos < 0) {
            return primary;
        }
        int chosen = osds.get(pos);
        if (pool.canShiftOsds() && pos > 0) {
            osds.remove(pos);
            osds.add(0, chosen);
        }
        return chosen;
    }

    /** {@code _get_temp_osds}: fills {@code temp} from pg_temp and returns the temp primary, or −1. */
    private int tempOsds(PgPool pool, PgId pg, List<Integer> temp) {
        List<Integer> pgTemp = map.pgTemp().get(pg);
        if (pgTemp != null) {
            for (int osd : pgTemp) {
                if (map.isUp(osd)) {
                    temp.add(osd);
                } else if (!pool.canShiftOsds()) {
                    temp.add(NONE);
                }
            }
        }
        Integer primaryTemp = map.primaryTemp().get(pg);
        if (primaryTemp != null) {
            return primaryTemp;
        }
        return pickPrimary(temp);
    }

    /** {@code pg_vector_string}: {@code [1,2,NONE]}. */
    public static String osdListString(List<Integer> osds) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < osds.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            int osd = osds.get(i);
            s.append(osd == NONE ? "NONE" : Integer.toString(osd));
        }
        return s.append(']').toString();
    }

    @Override
    public String toString() {
        return "Placement over " + map + " (" + Arrays.stream(weights).filter(w -> w != 0).count() + " OSDs in)";
    }
}
