package io.inkwire.rados.placement;

import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.SpgId;
import java.util.List;

/**
 * Where an object (or a PG) lives in one OSDMap epoch: the raw PG its name hashes to, the actual
 * PG ({@code stable_mod} of the hash), and the up and acting sets with their primaries, as
 * {@code OSDMap::pg_to_up_acting_osds} computes them.
 *
 * <p>For erasure-coded pools the sets are positional: position i holds shard i, and
 * {@link Placement#NONE} marks a shard without an OSD. A replicated pool's sets hold no holes.
 *
 * @param epoch the OSDMap epoch computed from
 * @param poolId the pool
 * @param rawHash the object's hash, the raw PG seed ({@code 6cf8deff} of {@code 1.6cf8deff})
 * @param pgSeed the actual PG seed within the pool ({@code 7} of {@code 1.7})
 * @param up the up set: CRUSH's choice after upmaps, primary affinity and dropping down OSDs
 * @param upPrimary the up primary, −1 for none
 * @param acting the acting set: pg_temp if present, else the up set
 * @param actingPrimary the primary ops go to: primary_temp, else pg_temp's first, else the up primary; −1 for none
 */
public record ObjectPlacement(long epoch, long poolId, int rawHash, int pgSeed, List<Integer> up, int upPrimary,
                              List<Integer> acting, int actingPrimary) {

    public ObjectPlacement {
        up = List.copyOf(up);
        acting = List.copyOf(acting);
    }

    /** The raw PG ({@code pool.hash}), as {@code ceph osd map} prints it first. */
    public PgId rawPg() {
        return new PgId(poolId, rawHash);
    }

    /** The actual PG. */
    public PgId pg() {
        return new PgId(poolId, pgSeed);
    }

    /** The acting primary's position in the acting set, −1 when there is none. */
    public int actingPrimaryPosition() {
        return actingPrimary < 0 ? -1 : acting.indexOf(actingPrimary);
    }

    /**
     * The {@code spg_t} an op carries to the acting primary: for an erasure-coded pool the shard is
     * the primary's position in the acting set; a replicated pool's PG has no shard.
     */
    public SpgId spgId(boolean erasure) {
        int pos = actingPrimaryPosition();
        return erasure && pos >= 0 ? new SpgId(pg(), pos) : SpgId.of(pg());
    }
}
