package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code pg_t} ({@code src/osd/osd_types.h}): a placement group, pool and seed. Encoded as
 * {@code u8 1, u64 pool, u32 seed, s32 -1} (17 bytes; the last field was the long-gone "preferred"
 * OSD, read and dropped as Ceph does).
 *
 * @param pool the pool id
 * @param seed the placement seed, {@code u32}: the actual PG number within the pool, or a raw object hash
 */
public record PgId(long pool, int seed) implements Comparable<PgId> {

    /** Bytes of the encoding. */
    public static final int ENCODED_LENGTH = 17;

    public static PgId decode(CephDecoder d) throws ProtocolException {
        d.u8(); // struct version, 1; pg_t::decode does not look at it
        long pool = d.u64();
        int seed = d.s32();
        d.s32(); // was "preferred"
        return new PgId(pool, seed);
    }

    public void encode(CephEncoder e) {
        e.u8(1).u64(pool).u32(seed).u32(-1);
    }

    /** Ceph's order: pool, then seed as unsigned. */
    @Override
    public int compareTo(PgId o) {
        int c = Long.compare(pool, o.pool);
        return c != 0 ? c : Integer.compareUnsigned(seed, o.seed);
    }

    /** As Ceph prints it: {@code 1.7}, {@code 2.1f} (seed in hex). */
    @Override
    public String toString() {
        return pool + "." + Integer.toHexString(seed);
    }

    // written out: a record's are bound through an invokedynamic bootstrap at first use (start-up cost)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PgId p && p.pool == pool && p.seed == seed;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pool) * 31 + seed;
    }
}
