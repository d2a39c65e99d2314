package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.Objects;

/**
 * {@code spg_t} ({@code src/osd/osd_types.h}): a {@link PgId} and the shard of an erasure-coded pool,
 * {@code ENCODE_START(1, 1)} + pg_t + {@code s8 shard}; replicated pools use {@link #NO_SHARD}.
 *
 * @param pgid the placement group
 * @param shard the EC shard (the primary's position in the acting set), or {@link #NO_SHARD}
 */
public record SpgId(PgId pgid, int shard) {

    /** {@code shard_id_t::NO_SHARD}. */
    public static final int NO_SHARD = -1;

    public SpgId {
        Objects.requireNonNull(pgid, "pgid");
        if (shard < -128 || shard > 127) {
            throw new IllegalArgumentException("shard out of s8 range: " + shard);
        }
    }

    /** A PG of a replicated pool. */
    public static SpgId of(PgId pgid) {
        return new SpgId(pgid, NO_SHARD);
    }

    public static SpgId decode(CephDecoder d) throws ProtocolException {
        d.startStruct(1, "spg_t");
        PgId pgid = PgId.decode(d);
        int shard = (byte) d.u8();
        d.finishStruct("spg_t");
        return new SpgId(pgid, shard);
    }

    public void encode(CephEncoder e) {
        e.startStruct(1, 1);
        pgid.encode(e);
        e.u8(shard);
        e.finishStruct();
    }

    /** As Ceph prints it: {@code 1.7}, or {@code 3.1s2} for shard 2. */
    @Override
    public String toString() {
        return shard == NO_SHARD ? pgid.toString() : pgid + "s" + shard;
    }

    // written out, as PgId's
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof SpgId s && s.shard == shard && s.pgid.equals(pgid);
    }

    @Override
    public int hashCode() {
        return pgid.hashCode() * 31 + shard;
    }
}
