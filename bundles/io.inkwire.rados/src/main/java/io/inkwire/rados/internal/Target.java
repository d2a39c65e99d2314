package io.inkwire.rados.internal;

import java.util.List;

/**
 * Where an op was last aimed, and what of the map decided it: the fields Ceph compares to tell a
 * new interval ({@code pg_interval_t::is_new_interval} in {@code src/osd/osd_types.cc}) and the
 * target of {@code Objecter::_calc_target} ({@code src/osdc/Objecter.cc}).
 */
record Target(long epoch, long poolId, int seed, int rawHash, List<Integer> up, int upPrimary, List<Integer> acting,
              int actingPrimary, int osd, int size, int minSize, int pgNum, int pgpNum, int shard) {

    /** No OSD to send to (PG without a primary, or the pool is gone). */
    static final int NO_OSD = -1;

    /** The target of a placement in map {@code m}: its acting primary (and that primary's shard in an erasure-coded pool). */
    static Target of(MapView m, MapView.Pool p, MapView.Placed placed) {
        int osd = placed.actingPrimary();
        int shard = p.erasure() ? placed.acting().indexOf(osd) : -1;
        return new Target(m.epoch(), p.id(), placed.seed(), placed.rawHash(), placed.up(), placed.upPrimary(),
                placed.acting(), placed.actingPrimary(), osd, p.size(), p.minSize(), p.pgNum(), p.pgpNum(), shard);
    }

    /**
     * Whether an op aimed at {@code this} must be sent again at {@code next}: a new interval of
     * its PG (acting or up set or their primaries changed, size or min_size changed, the PG
     * split) or another OSD. Mirrors the resend rule of {@code Objecter::_calc_target} for the
     * cases a client meets (no cache tiers, no merge bookkeeping).
     */
    boolean needsResendAt(Target next) {
        if (next.osd != osd || next.seed != seed || next.poolId != poolId || next.shard != shard) {
            return true;
        }
        return next.actingPrimary != actingPrimary || !next.acting.equals(acting) || next.upPrimary != upPrimary
                || !next.up.equals(up) || next.size != size || next.minSize != minSize || splits(next);
    }

    /**
     * {@code pg_t::is_split}: some PG numbered in [old pg_num, new pg_num) folds onto this seed
     * under the old pg_num, i.e. this PG has children now. A shrinking pg_num (a merge) is a new
     * interval as well.
     */
    private boolean splits(Target next) {
        if (next.pgNum <= pgNum) {
            return next.pgNum != pgNum;
        }
        int oldMask = mask(pgNum);
        long last = Math.min(next.pgNum, (long) pgNum + (1 << 20)); // bounded even for an absurd pg_num
        for (long s = pgNum; s < last; s++) {
            if (stableMod((int) s, pgNum, oldMask) == seed) {
                return true;
            }
        }
        return last < next.pgNum;
    }

    /** {@code ceph_stable_mod} ({@code src/include/ceph_fs.h}). */
    static int stableMod(int x, int b, int bmask) {
        return (x & bmask) < b ? x & bmask : x & (bmask >>> 1);
    }

    /** {@code pg_num_mask}: the smallest 2^k − 1 covering pg_num − 1. */
    static int mask(int pgNum) {
        return pgNum <= 1 ? 0 : -1 >>> Integer.numberOfLeadingZeros(pgNum - 1);
    }
}
