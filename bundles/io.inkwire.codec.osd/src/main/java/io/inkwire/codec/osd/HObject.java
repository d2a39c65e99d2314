package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.Objects;

/**
 * {@code hobject_t} ({@code src/common/hobject.h}, {@code hobject.cc}): an object as an OSD orders
 * it, {@code ENCODE_START(4, 3)} + {@code string key} + {@code string oid} + {@code u64 snap} +
 * {@code u32 hash} + {@code bool max} + {@code string nspace} + {@code s64 pool}. Used as the PGNLS
 * cursor and the range of an {@link MOSDBackoff}.
 *
 * @param key the locator key ("" when none)
 * @param oid the object name
 * @param snap the snap id ({@link #NOSNAP} for the head)
 * @param hash the raw object hash, {@code u32}
 * @param max true for the greatest object (end of every range)
 * @param nspace the namespace
 * @param pool the pool; {@link Long#MIN_VALUE} in {@link #MIN}
 */
public record HObject(String key, String oid, long snap, int hash, boolean max, String nspace, long pool) {

    /** {@code CEPH_NOSNAP}: the head, the object as it is now. */
    public static final long NOSNAP = 0xffff_ffff_ffff_fffeL;
    /** {@code hobject_t()}: the smallest object; the cursor of a listing that has not started. */
    public static final HObject MIN = new HObject("", "", 0, 0, false, "", Long.MIN_VALUE);
    /** {@code hobject_t::get_max()}: the greatest object; a listing cursor past its PG's last object. */
    public static final HObject MAX = new HObject("", "", 0, 0, true, "", Long.MIN_VALUE);

    public HObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(nspace, "nspace");
    }

    /** The head of a named object. */
    public static HObject head(long pool, String nspace, String oid, String key, int hash) {
        return new HObject(key, oid, NOSNAP, hash, false, nspace, pool);
    }

    public static HObject decode(CephDecoder d) throws ProtocolException {
        // DECODE_START_LEGACY_COMPAT_LEN(4, 3, 3): versions before 3 had no length; none is sent today
        int v = d.startStruct(4, "hobject_t");
        if (v < 3) {
            throw d.error("hobject_t struct_v " + v + " (pre-length encoding) is not supported");
        }
        String key = d.string();
        String oid = d.string();
        long snap = d.u64();
        int hash = d.s32();
        boolean max = d.bool();
        String nspace = "";
        long pool = -1;
        if (v >= 4) {
            nspace = d.string();
            pool = d.u64();
        }
        d.finishStruct("hobject_t");
        if (max) {
            return MAX; // hobject_t::decode: an old sender may have written a non-canonical max
        }
        if (pool == -1 && snap == 0 && hash == 0 && oid.isEmpty()) {
            pool = Long.MIN_VALUE; // hobject_t::decode: hammer wrote MIN with pool -1
        }
        return new HObject(key, oid, snap, hash, false, nspace, pool);
    }

    public void encode(CephEncoder e) {
        e.startStruct(4, 3).string(key).string(oid).u64(snap).u32(hash).bool(max).string(nspace).u64(pool).finishStruct();
    }

    /** {@code hobject_t::is_min}: snap 0, hash 0, not max, pool {@link Long#MIN_VALUE} (names are not looked at). */
    public boolean isMin() {
        return snap == 0 && hash == 0 && !max && pool == Long.MIN_VALUE;
    }

    @Override
    public String toString() {
        if (isMin()) {
            return "MIN";
        }
        if (max) {
            return "MAX";
        }
        return pool + ":" + String.format("%08x", Integer.reverse(hash)) + ":" + nspace + ":" + key + ":" + oid + ":"
                + (snap == NOSNAP ? "head" : Long.toHexString(snap));
    }
}
