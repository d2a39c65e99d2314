package io.inkwire.codec.osd.map;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.UTime;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Crc32c;
import io.inkwire.wire.EntityAddrCodec;
import io.inkwire.wire.StdString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The changes from one epoch to the next: Ceph's {@code OSDMap::Incremental}
 * ({@code src/osd/OSDMap.{h,cc}}), applied with {@link OSDMap#apply(OSDMapIncremental)}.
 *
 * <p>Wire form: {@code ENCODE_START(8, 7)} around a client part {@code ENCODE_START(8, 1)}: fsid,
 * epoch, modified, {@code s64 new_pool_max} (−1: unchanged), {@code s32 new_flags} (−1),
 * {@code bufferlist fullmap} (non-empty: the whole next map), {@code bufferlist crush} (non-empty:
 * a replacement CRUSH map), {@code s32 new_max_osd} (−1), new_pools, new_pool_names, old_pools,
 * new_up_client, new_state (XORed into osd_state), new_weight, new_pg_temp (empty list: remove),
 * new_primary_temp (−1: remove), [v2] new_primary_affinity, [v3] new and old erasure code profiles,
 * [v4] new/old pg_upmap and pg_upmap_items, [v6] new_removed_snaps, new_purged_snaps,
 * [v8] new_last_up_change, new_last_in_change; then an OSD-only part (kept as bytes) and
 * {@code u32 inc_crc} (crc32c of everything before it and after it, checked here) and
 * {@code u32 full_crc} (the crc the resulting full map must have).
 */
public final class OSDMapIncremental {

    /** The client part's struct_v written. */
    public static final int CLIENT_V = 8;

    private final UUID fsid;
    private final long epoch;
    private final UTime modified;
    private final long newPoolMax;
    private final int newFlags;
    private final byte[] fullMap;
    private final byte[] crush;
    private final int newMaxOsd;
    private final SortedMap<Long, PgPool> newPools;
    private final SortedMap<Long, String> newPoolNames;
    private final SortedSet<Long> oldPools;
    private final SortedMap<Integer, EntityAddrVec> newUpClient;
    private final SortedMap<Integer, Long> newState;
    private final SortedMap<Integer, Long> newWeight;
    private final SortedMap<PgId, List<Integer>> newPgTemp;
    private final SortedMap<PgId, Integer> newPrimaryTemp;
    private final SortedMap<Integer, Long> newPrimaryAffinity;
    private final SortedMap<String, SortedMap<String, String>> newErasureCodeProfiles;
    private final List<String> oldErasureCodeProfiles;
    private final SortedMap<PgId, List<Integer>> newPgUpmap;
    private final SortedSet<PgId> oldPgUpmap;
    private final SortedMap<PgId, List<UpmapItem>> newPgUpmapItems;
    private final SortedSet<PgId> oldPgUpmapItems;
    private final SortedMap<Long, SortedMap<Long, Long>> newRemovedSnaps;
    private final SortedMap<Long, SortedMap<Long, Long>> newPurgedSnaps;
    private final UTime newLastUpChange;
    private final UTime newLastInChange;
    private final OsdOnlyPart osdOnly;
    private final long fullCrc;
    private final boolean haveCrc;

    private OSDMapIncremental(Builder b) {
        this.fsid = Objects.requireNonNull(b.fsid, "fsid");
        if (b.epoch < 0 || b.epoch > 0xffffffffL) {
            throw new IllegalArgumentException("epoch out of u32 range: " + b.epoch);
        }
        this.epoch = b.epoch;
        this.modified = Objects.requireNonNull(b.modified);
        this.newPoolMax = b.newPoolMax;
        this.newFlags = b.newFlags;
        this.fullMap = b.fullMap.clone();
        this.crush = b.crush.clone();
        if (b.newMaxOsd >= 0) {
            OSDMap.checkMaxOsd(b.newMaxOsd, "new_max_osd"); // negative is "unchanged"; other values size the map
        }
        this.newMaxOsd = b.newMaxOsd;
        this.newPools = frozen(b.newPools);
        this.newPoolNames = frozen(b.newPoolNames);
        this.oldPools = Collections.unmodifiableSortedSet(new TreeSet<>(b.oldPools));
        this.newUpClient = frozen(b.newUpClient);
        this.newState = frozen(b.newState);
        this.newWeight = frozen(b.newWeight);
        TreeMap<PgId, List<Integer>> pt = new TreeMap<>();
        b.newPgTemp.forEach((pg, osds) -> pt.put(pg, List.copyOf(osds)));
        this.newPgTemp = Collections.unmodifiableSortedMap(pt);
        this.newPrimaryTemp = frozen(b.newPrimaryTemp);
        this.newPrimaryAffinity = frozen(b.newPrimaryAffinity);
        TreeMap<String, SortedMap<String, String>> ecp = new TreeMap<>(StdString.ORDER);
        b.newErasureCodeProfiles.forEach((k, v) -> {
            TreeMap<String, String> kv = new TreeMap<>(StdString.ORDER);
            kv.putAll(v);
            ecp.put(k, Collections.unmodifiableSortedMap(kv));
        });
        this.newErasureCodeProfiles = Collections.unmodifiableSortedMap(ecp);
        this.oldErasureCodeProfiles = List.copyOf(b.oldErasureCodeProfiles);
        TreeMap<PgId, List<Integer>> up = new TreeMap<>();
        b.newPgUpmap.forEach((pg, osds) -> up.put(pg, List.copyOf(osds)));
        this.newPgUpmap = Collections.unmodifiableSortedMap(up);
        this.oldPgUpmap = Collections.unmodifiableSortedSet(new TreeSet<>(b.oldPgUpmap));
        TreeMap<PgId, List<UpmapItem>> upi = new TreeMap<>();
        b.newPgUpmapItems.forEach((pg, items) -> upi.put(pg, List.copyOf(items)));
        this.newPgUpmapItems = Collections.unmodifiableSortedMap(upi);
        this.oldPgUpmapItems = Collections.unmodifiableSortedSet(new TreeSet<>(b.oldPgUpmapItems));
        this.newRemovedSnaps = frozen(b.newRemovedSnaps);
        this.newPurgedSnaps = frozen(b.newPurgedSnaps);
        this.newLastUpChange = Objects.requireNonNull(b.newLastUpChange);
        this.newLastInChange = Objects.requireNonNull(b.newLastInChange);
        this.osdOnly = b.osdOnly;
        this.fullCrc = b.fullCrc;
        this.haveCrc = b.haveCrc;
    }

    private static <K, V> SortedMap<K, V> frozen(SortedMap<K, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /** An incremental for {@code epoch} of cluster {@code fsid} that changes nothing yet. */
    public static Builder builder(UUID fsid, long epoch) {
        Builder b = new Builder();
        b.fsid = fsid;
        b.epoch = epoch;
        return b;
    }

    /**
     * Decodes one incremental (a value of MOSDMap's {@code incremental_maps}).
     *
     * @throws MessageDecodeException on malformed or truncated input or a bad crc
     */
    public static OSDMapIncremental decode(ByteBuffer blob) throws MessageDecodeException {
        ByteBuffer in = blob.slice();
        try {
            return decode(new CephDecoder(in, "OSDMap::Incremental"), in);
        } catch (MessageDecodeException e) {
            throw e;
        } catch (ProtocolException e) {
            throw new MessageDecodeException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MessageDecodeException("OSDMap::Incremental: " + e.getMessage(), e);
        }
    }

    public static OSDMapIncremental decode(byte[] blob) throws MessageDecodeException {
        return decode(ByteBuffer.wrap(blob));
    }

    private static OSDMapIncremental decode(CephDecoder d, ByteBuffer in) throws ProtocolException {
        if (d.remaining() > 0 && (in.get(0) & 0xff) < 7) {
            throw d.error("a pre-Firefly classic encoding (struct_v " + (in.get(0) & 0xff) + ") is not supported");
        }
        int wrapperV = d.startStruct(OSDMap.WRAPPER_V, "OSDMap::Incremental");
        Builder b = new Builder();
        int v = d.startStruct(CLIENT_V, "OSDMap::Incremental client part");
        b.fsid = d.uuid();
        b.epoch = d.u32();
        b.modified = UTime.decode(d);
        b.newPoolMax = d.u64();
        b.newFlags = d.s32();
        b.fullMap = d.bytes();
        b.crush = d.bytes();
        b.newMaxOsd = d.s32();
        if (b.newMaxOsd > OSDMap.MAX_OSD_LIMIT) {
            // refused before anything after it is read, let alone the map resized to it
            throw d.error("new_max_osd " + b.newMaxOsd + " exceeds the limit of " + OSDMap.MAX_OSD_LIMIT + " OSDs");
        }
        int nPools = d.count("new_pools", 14);
        for (int i = 0; i < nPools; i++) {
            long id = d.u64();
            b.newPools.put(id, PgPool.decode(d));
        }
        int nNames = d.count("new_pool_names", 12);
        for (int i = 0; i < nNames; i++) {
            long id = d.u64();
            b.newPoolNames.put(id, d.string());
        }
        int nOld = d.count("old_pools", 8);
        for (int i = 0; i < nOld; i++) {
            b.oldPools.add(d.u64());
        }
        int nUp = d.count("new_up_client", 4 + MapWire.MIN_ADDRVEC);
        for (int i = 0; i < nUp; i++) {
            int osd = d.s32();
            b.newUpClient.put(osd, EntityAddrCodec.decodeVec(d));
        }
        b.newState.putAll(v >= 5 ? MapWire.osdU32(d, "new_state") : MapWire.osdU8(d, "new_state"));
        b.newWeight.putAll(MapWire.osdU32(d, "new_weight"));
        b.newPgTemp.putAll(MapWire.pgOsdLists(d, "new_pg_temp"));
        b.newPrimaryTemp.putAll(MapWire.pgOsd(d, "new_primary_temp"));
        if (v >= 2) {
            b.newPrimaryAffinity.putAll(MapWire.osdU32(d, "new_primary_affinity"));
        }
        if (v >= 3) {
            b.newErasureCodeProfiles.putAll(MapWire.profiles(d, "new_erasure_code_profiles"));
            b.oldErasureCodeProfiles.addAll(d.stringList());
        }
        if (v >= 4) {
            b.newPgUpmap.putAll(MapWire.pgOsdLists(d, "new_pg_upmap"));
            b.oldPgUpmap.addAll(MapWire.pgSet(d, "old_pg_upmap"));
            b.newPgUpmapItems.putAll(MapWire.pgUpmapItems(d, "new_pg_upmap_items"));
            b.oldPgUpmapItems.addAll(MapWire.pgSet(d, "old_pg_upmap_items"));
        }
        if (v >= 6) {
            b.newRemovedSnaps.putAll(MapWire.poolIntervals(d, "new_removed_snaps"));
            b.newPurgedSnaps.putAll(MapWire.poolIntervals(d, "new_purged_snaps"));
        }
        if (v >= 8) {
            b.newLastUpChange = UTime.decode(d);
            b.newLastInChange = UTime.decode(d);
        }
        d.finishStruct("OSDMap::Incremental client part");
        int osdOnlyStart = d.position();
        int osdOnlyV = d.startStruct(255, "OSDMap::Incremental osd-only part");
        d.finishStruct("OSDMap::Incremental osd-only part");
        byte[] osdOnlyBytes = new byte[d.position() - osdOnlyStart];
        in.duplicate().position(osdOnlyStart).get(osdOnlyBytes);
        b.osdOnly = new OsdOnlyPart(osdOnlyV, osdOnlyBytes);
        if (wrapperV >= 8) {
            int crcAt = d.position();
            long incCrc = d.u32();
            int tailStart = d.position();
            b.fullCrc = d.u32();
            b.haveCrc = true;
            d.finishStruct("OSDMap::Incremental");
            int actual = Crc32c.compute(Crc32c.SEED_SEGMENT, in.duplicate().position(0).limit(crcAt));
            actual = Crc32c.update(actual, in.duplicate().position(tailStart).limit(d.position()));
            if (incCrc != Integer.toUnsignedLong(actual)) {
                throw d.error("bad crc, actual " + Integer.toUnsignedString(actual) + " != expected " + incCrc);
            }
        } else {
            d.finishStruct("OSDMap::Incremental");
        }
        return b.build();
    }

    /** The v8 encoding with the OSD-only part it was decoded with (or an empty Nautilus-layout one) and both crcs. */
    public byte[] encode() {
        CephEncoder e = new CephEncoder(1024);
        e.startStruct(OSDMap.WRAPPER_V, OSDMap.WRAPPER_COMPAT);
        e.startStruct(CLIENT_V, 1);
        e.uuid(fsid).u32(epoch);
        modified.encode(e);
        e.u64(newPoolMax).u32(newFlags).bytes(fullMap).bytes(crush).u32(newMaxOsd);
        e.u32(newPools.size());
        newPools.forEach((id, p) -> {
            e.u64(id);
            p.encode(e);
        });
        e.u32(newPoolNames.size());
        newPoolNames.forEach((id, name) -> e.u64(id).string(name));
        e.u32(oldPools.size());
        oldPools.forEach(e::u64);
        e.u32(newUpClient.size());
        newUpClient.forEach((osd, addrs) -> {
            e.u32(osd);
            EntityAddrCodec.encodeVec(e, addrs);
        });
        MapWire.osdU32(e, newState);
        MapWire.osdU32(e, newWeight);
        MapWire.pgOsdLists(e, newPgTemp);
        MapWire.pgOsd(e, newPrimaryTemp);
        MapWire.osdU32(e, newPrimaryAffinity);
        MapWire.profiles(e, newErasureCodeProfiles);
        e.stringList(oldErasureCodeProfiles);
        MapWire.pgOsdLists(e, newPgUpmap);
        MapWire.pgSet(e, oldPgUpmap);
        MapWire.pgUpmapItems(e, newPgUpmapItems);
        MapWire.pgSet(e, oldPgUpmapItems);
        MapWire.poolIntervals(e, newRemovedSnaps);
        MapWire.poolIntervals(e, newPurgedSnaps);
        newLastUpChange.encode(e);
        newLastInChange.encode(e);
        e.finishStruct();
        if (osdOnly != null) {
            osdOnly.encodeTo(e);
        } else {
            emptyOsdOnlyPart(e);
        }
        int crcAt = e.position();
        e.u32(0).u32(fullCrc);
        e.finishStruct();
        byte[] out = e.toByteArray();
        int crc = Crc32c.compute(Crc32c.SEED_SEGMENT, out, 0, crcAt);
        crc = Crc32c.compute(crc, out, crcAt + 4, out.length - crcAt - 4);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(crcAt, crc);
        return out;
    }

    /** A v7 OSD-only part that changes nothing: empty maps, no cluster snapshot, ratios −1, releases unchanged. */
    private static void emptyOsdOnlyPart(CephEncoder e) {
        e.startStruct(7, 1);
        e.u32(0).u32(0).u32(0).u32(0); // new_hb_back_up, new_up_thru, new_last_clean_interval, new_lost
        e.u32(0).u32(0).u32(0); // new_blocklist, old_blocklist, new_up_cluster
        e.string(""); // cluster_snapshot
        e.u32(0).u32(0).u32(0); // new_uuid, new_xinfo, new_hb_front_up
        e.u64(0); // encode_features
        e.u32(Float.floatToIntBits(-1f)).u32(Float.floatToIntBits(-1f)).u32(Float.floatToIntBits(-1f));
        e.u8(0).u8(0xff); // new_require_min_compat_client (unknown), new_require_osd_release (-1: unchanged)
        e.finishStruct();
    }

    public UUID fsid() {
        return fsid;
    }

    /** The epoch this incremental produces. */
    public long epoch() {
        return epoch;
    }

    public UTime modified() {
        return modified;
    }

    /** The new pool_max, or −1 for unchanged. */
    public long newPoolMax() {
        return newPoolMax;
    }

    /** The new flags, or −1 for unchanged. */
    public int newFlags() {
        return newFlags;
    }

    /** A whole next map, empty when this is a true incremental. */
    public ByteBuffer fullMap() {
        return ByteBuffer.wrap(fullMap).asReadOnlyBuffer();
    }

    /** A replacement CRUSH map, empty when CRUSH is unchanged. */
    public ByteBuffer crush() {
        return ByteBuffer.wrap(crush).asReadOnlyBuffer();
    }

    /** The new max_osd, or −1. */
    public int newMaxOsd() {
        return newMaxOsd;
    }

    public SortedMap<Long, PgPool> newPools() {
        return newPools;
    }

    public SortedMap<Long, String> newPoolNames() {
        return newPoolNames;
    }

    public SortedSet<Long> oldPools() {
        return oldPools;
    }

    /** OSDs coming up, with their public addresses. */
    public SortedMap<Integer, EntityAddrVec> newUpClient() {
        return newUpClient;
    }

    /** State bits XORed into osd_state (0 means UP, for old encoders). */
    public SortedMap<Integer, Long> newState() {
        return newState;
    }

    public SortedMap<Integer, Long> newWeight() {
        return newWeight;
    }

    /** New pg_temp entries; an empty list removes one. */
    public SortedMap<PgId, List<Integer>> newPgTemp() {
        return newPgTemp;
    }

    /** New primary_temp entries; −1 removes one. */
    public SortedMap<PgId, Integer> newPrimaryTemp() {
        return newPrimaryTemp;
    }

    public SortedMap<Integer, Long> newPrimaryAffinity() {
        return newPrimaryAffinity;
    }

    public SortedMap<String, SortedMap<String, String>> newErasureCodeProfiles() {
        return newErasureCodeProfiles;
    }

    public List<String> oldErasureCodeProfiles() {
        return oldErasureCodeProfiles;
    }

    public SortedMap<PgId, List<Integer>> newPgUpmap() {
        return newPgUpmap;
    }

    public SortedSet<PgId> oldPgUpmap() {
        return oldPgUpmap;
    }

    public SortedMap<PgId, List<UpmapItem>> newPgUpmapItems() {
        return newPgUpmapItems;
    }

    public SortedSet<PgId> oldPgUpmapItems() {
        return oldPgUpmapItems;
    }

    public SortedMap<Long, SortedMap<Long, Long>> newRemovedSnaps() {
        return newRemovedSnaps;
    }

    public SortedMap<Long, SortedMap<Long, Long>> newPurgedSnaps() {
        return newPurgedSnaps;
    }

    /** The new last_up_change; zero for unchanged. */
    public UTime newLastUpChange() {
        return newLastUpChange;
    }

    public UTime newLastInChange() {
        return newLastInChange;
    }

    /** The crc the full map of this epoch has (0 when the encoding carried none). */
    public long fullCrc() {
        return fullCrc;
    }

    public boolean haveCrc() {
        return haveCrc;
    }

    /** Fields by name; collections are open for filling, scalars default to "unchanged". */
    public static final class Builder {
        private UUID fsid = new UUID(0, 0);
        private long epoch;
        private UTime modified = UTime.ZERO;
        private long newPoolMax = -1;
        private int newFlags = -1;
        private byte[] fullMap = new byte[0];
        private byte[] crush = new byte[0];
        private int newMaxOsd = -1;
        public final SortedMap<Long, PgPool> newPools = new TreeMap<>();
        public final SortedMap<Long, String> newPoolNames = new TreeMap<>();
        public final SortedSet<Long> oldPools = new TreeSet<>();
        public final SortedMap<Integer, EntityAddrVec> newUpClient = new TreeMap<>();
        public final SortedMap<Integer, Long> newState = new TreeMap<>();
        public final SortedMap<Integer, Long> newWeight = new TreeMap<>();
        public final SortedMap<PgId, List<Integer>> newPgTemp = new TreeMap<>();
        public final SortedMap<PgId, Integer> newPrimaryTemp = new TreeMap<>();
        public final SortedMap<Integer, Long> newPrimaryAffinity = new TreeMap<>();
        public final SortedMap<String, SortedMap<String, String>> newErasureCodeProfiles = new TreeMap<>(StdString.ORDER);
        public final List<String> oldErasureCodeProfiles = new ArrayList<>();
        public final SortedMap<PgId, List<Integer>> newPgUpmap = new TreeMap<>();
        public final SortedSet<PgId> oldPgUpmap = new TreeSet<>();
        public final SortedMap<PgId, List<UpmapItem>> newPgUpmapItems = new TreeMap<>();
        public final SortedSet<PgId> oldPgUpmapItems = new TreeSet<>();
        public final SortedMap<Long, SortedMap<Long, Long>> newRemovedSnaps = new TreeMap<>();
        public final SortedMap<Long, SortedMap<Long, Long>> newPurgedSnaps = new TreeMap<>();
        private UTime newLastUpChange = UTime.ZERO;
        private UTime newLastInChange = UTime.ZERO;
        private OsdOnlyPart osdOnly;
        private long fullCrc;
        private boolean haveCrc;

        private Builder() {
        }

        public Builder modified(UTime v) {
            modified = v;
            return this;
        }

        public Builder newPoolMax(long v) {
            newPoolMax = v;
            return this;
        }

        public Builder newFlags(int v) {
            newFlags = v;
            return this;
        }

        public Builder fullMap(byte[] v) {
            fullMap = v.clone();
            return this;
        }

        public Builder crush(byte[] v) {
            crush = v.clone();
            return this;
        }

        public Builder newMaxOsd(int v) {
            newMaxOsd = v;
            return this;
        }

        public Builder newLastUpChange(UTime v) {
            newLastUpChange = v;
            return this;
        }

        public Builder newLastInChange(UTime v) {
            newLastInChange = v;
            return this;
        }

        public Builder fullCrc(long v) {
            fullCrc = v;
            haveCrc = true;
            return this;
        }

        public OSDMapIncremental build() {
            return new OSDMapIncremental(this);
        }
    }
}
