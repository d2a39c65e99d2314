package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.Objects;

/**
 * {@code object_locator_t} ({@code src/osd/osd_types.h}, {@code osd_types.cc}): where an object is
 * placed, {@code ENCODE_START(6, compat)} + {@code s64 pool} + {@code s32 preferred = -1} +
 * {@code string key} + {@code string nspace} + {@code s64 hash}. The compat is 3, or 6 when a hash is
 * given (an older decoder would not know to use it). Either a key or a hash, never both.
 *
 * @param pool the pool id
 * @param key the locator key: placement uses it instead of the object name when not empty
 * @param nspace the namespace
 * @param hash an explicit placement hash (PG-wide ops such as PGNLS), or −1
 */
public record ObjectLocator(long pool, String key, String nspace, long hash) {

    /** librados' {@code all_nspaces}: the namespace of a listing of every namespace. */
    public static final String ALL_NSPACES = "\u0001";

    /** The struct version written. */
    static final int VERSION = 6;

    public ObjectLocator {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nspace, "nspace");
        if (hash != -1 && !key.isEmpty()) {
            throw new IllegalArgumentException("object_locator_t has both a key and a hash");
        }
    }

    /** The default namespace of {@code pool}, no key. */
    public static ObjectLocator of(long pool) {
        return new ObjectLocator(pool, "", "", -1);
    }

    /** A namespace of {@code pool}, no key. */
    public static ObjectLocator of(long pool, String nspace) {
        return new ObjectLocator(pool, "", nspace, -1);
    }

    public static ObjectLocator decode(CephDecoder d) throws ProtocolException {
        // DECODE_START_LEGACY_COMPAT_LEN(6, 3, 3): versions before 3 had no length; none is sent today
        int v = d.startStruct(VERSION, "object_locator_t");
        if (v < 3) {
            throw d.error("object_locator_t struct_v " + v + " (pre-length encoding) is not supported");
        }
        long pool = d.u64();
        d.s32(); // preferred
        String key = d.string();
        String nspace = v >= 5 ? d.string() : "";
        long hash = v >= 6 ? d.u64() : -1;
        d.finishStruct("object_locator_t");
        return new ObjectLocator(pool, key, nspace, hash);
    }

    public void encode(CephEncoder e) {
        e.startStruct(VERSION, hash != -1 ? 6 : 3);
        e.u64(pool).u32(-1).string(key).string(nspace).u64(hash);
        e.finishStruct();
    }

    /** As Ceph prints it: {@code @1;ns:key}. */
    @Override
    public String toString() {
        return "@" + pool + (nspace.isEmpty() ? "" : ";" + nspace) + (key.isEmpty() ? "" : ":" + key);
    }
}
