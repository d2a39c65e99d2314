package io.inkwire.codec.osd.map;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.UTime;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Crc32c;
import io.inkwire.wire.EntityAddrCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The cluster's OSD map as a client holds it ({@code src/osd/OSDMap.{h,cc}}): pools, OSD states,
 * weights, addresses and primary affinity, the temporary and explicit PG mappings, the CRUSH map.
 * Immutable; {@link #apply(OSDMapIncremental)} makes the next epoch's map.
 *
 * <p>Wire form (what a Pacific monitor sends a Pacific client): {@code ENCODE_START(8, 7)} around
 * a client-usable part {@code ENCODE_START(9, 1)} (fsid, epoch, created, modified, pools, pool
 * names, pool_max, flags, max_osd, osd_state, osd_weight, client addrvecs, pg_temp, primary_temp,
 * primary affinity, the CRUSH bufferlist, erasure code profiles, [v4] pg_upmap, pg_upmap_items,
 * [v6] crush_version, [v7] new_removed_snaps, new_purged_snaps, [v9] last_up_change,
 * last_in_change), an OSD-only part this class keeps as bytes without interpreting it, and a u32
 * crc32c (seed −1) of every byte before it and after it, which {@link #decode} verifies.
 * Client parts v1…v9 and later (compat 1) decode; pre-Firefly "classic" encodings are refused.
 *
 * <p>Hostile input costs a {@link MessageDecodeException}: every count is checked against the bytes
 * left, per-OSD vectors must all have max_osd entries, the CRUSH map must be loop-free.
 */
public final class OSDMap {

    /** {@code CEPH_OSD_IN}: a weight of 1.0. */
    public static final long WEIGHT_IN = 0x10000;
    /** {@code CEPH_OSD_OUT}. */
    public static final long WEIGHT_OUT = 0;
    /** {@code CEPH_OSD_DEFAULT_PRIMARY_AFFINITY} (= the maximum). */
    public static final long DEFAULT_PRIMARY_AFFINITY = 0x10000;

    /**
     * The most OSD slots (max_osd) a map may have: per-OSD state is allocated for each slot, and an
     * incremental's new_max_osd is a bare number, so a hostile one must not size it. A hundred times
     * the largest clusters run and Ceph's mon_max_osd default (10,000).
     */
    public static final int MAX_OSD_LIMIT = 1 << 20;

    /** The wrapper struct_v written and its compat. */
    public static final int WRAPPER_V = 8;
    public static final int WRAPPER_COMPAT = 7;
    /** The client part's struct_v written (Nautilus and later peers). */
    public static final int CLIENT_V = 9;

    private final UUID fsid;
    private final long epoch;
    private final UTime created;
    private final UTime modified;
    private final SortedMap<Long, PgPool> pools;
    private final SortedMap<Long, String> poolNames;
    private final Map<String, Long> poolIdsByName;
    private final int poolMax;
    private final long flags;
    private final int maxOsd;
    private final int[] osdState;
    private final int[] osdWeight;
    private final List<EntityAddrVec> clientAddrs;
    private final SortedMap<PgId, List<Integer>> pgTemp;
    private final SortedMap<PgId, Integer> primaryTemp;
    private final int[] primaryAffinity;
    private final CrushMap crush;
    private final SortedMap<String, SortedMap<String, String>> erasureCodeProfiles;
    private final SortedMap<PgId, List<Integer>> pgUpmap;
    private final SortedMap<PgId, List<UpmapItem>> pgUpmapItems;
    private final int crushVersion;
    private final SortedMap<Long, SortedMap<Long, Long>> newRemovedSnaps;
    private final SortedMap<Long, SortedMap<Long, Long>> newPurgedSnaps;
    private final UTime lastUpChange;
    private final UTime lastInChange;
    private final OsdOnlyPart osdOnly;

    OSDMap(OSDMapBuilder b) {
        this.fsid = Objects.requireNonNull(b.fsid, "fsid");
        if (b.epoch < 0 || b.epoch > 0xffffffffL) {
            throw new IllegalArgumentException("epoch out of u32 range: " + b.epoch);
        }
        this.epoch = b.epoch;
        this.created = Objects.requireNonNull(b.created, "created");
        this.modified = Objects.requireNonNull(b.modified, "modified");
        this.pools = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.pools));
        this.poolNames = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.poolNames));
        Map<String, Long> byName = new HashMap<>();
        poolNames.forEach((id, name) -> byName.put(name, id));
        this.poolIdsByName = Collections.unmodifiableMap(byName);
        // the kludge OSDMap::decode applies around an old bug that zeroed pool_max (#2307), here for
        // every map: an incremental's new_pool_max may lag its pools too, and a map must read back
        // as it was written
        this.poolMax = pools.isEmpty() || b.poolMax >= pools.lastKey() ? b.poolMax : (int) (long) pools.lastKey();
        this.flags = b.flags & 0xffffffffL;
        checkMaxOsd(b.maxOsd, "max_osd");
        this.maxOsd = b.maxOsd;
        if (b.osdState.length != maxOsd || b.osdWeight.length != maxOsd || b.clientAddrs.size() != maxOsd) {
            throw new IllegalArgumentException("max_osd " + maxOsd + " but " + b.osdState.length + " states, "
                    + b.osdWeight.length + " weights, " + b.clientAddrs.size() + " address vectors");
        }
        this.osdState = b.osdState.clone();
        this.osdWeight = b.osdWeight.clone();
        this.clientAddrs = List.copyOf(b.clientAddrs);
        this.pgTemp = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.pgTemp));
        this.primaryTemp = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.primaryTemp));
        if (b.primaryAffinity != null && b.primaryAffinity.length != maxOsd) {
            throw new IllegalArgumentException("max_osd " + maxOsd + " but " + b.primaryAffinity.length
                    + " primary affinities");
        }
        // an empty vector is no vector: what decode makes of it (as OSDMap::decode resets it), and
        // what set_max_osd(0) leaves of one
        this.primaryAffinity = b.primaryAffinity == null || b.primaryAffinity.length == 0 ? null : b.primaryAffinity.clone();
        this.crush = Objects.requireNonNull(b.crush, "crush");
        this.erasureCodeProfiles = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.erasureCodeProfiles));
        this.pgUpmap = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.pgUpmap));
        this.pgUpmapItems = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.pgUpmapItems));
        this.crushVersion = b.crushVersion;
        this.newRemovedSnaps = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.newRemovedSnaps));
        this.newPurgedSnaps = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(b.newPurgedSnaps));
        this.lastUpChange = Objects.requireNonNull(b.lastUpChange, "lastUpChange");
        this.lastInChange = Objects.requireNonNull(b.lastInChange, "lastInChange");
        this.osdOnly = b.osdOnly;
    }

    /** Refuses a negative max_osd or one beyond {@link #MAX_OSD_LIMIT}. */
    static void checkMaxOsd(long maxOsd, String what) {
        if (maxOsd < 0) {
            throw new IllegalArgumentException(what + " is negative: " + maxOsd);
        }
        if (maxOsd > MAX_OSD_LIMIT) {
            throw new IllegalArgumentException(what + " " + maxOsd + " exceeds the limit of " + MAX_OSD_LIMIT + " OSDs");
        }
    }

    /** A builder for a new map ({@link #builder()}), or one holding this map ({@link #toBuilder()}). */
    public static OSDMapBuilder builder() {
        return new OSDMapBuilder();
    }

    public OSDMapBuilder toBuilder() {
        return new OSDMapBuilder(this);
    }

    /**
     * Decodes a full map (a value of MOSDMap's {@code maps}, or the data of {@code osd getmap}).
     *
     * @throws MessageDecodeException on any malformed, truncated or inconsistent input, or a bad crc
     */
    public static OSDMap decode(ByteBuffer blob) throws MessageDecodeException {
        ByteBuffer in = blob.slice();
        try {
            return decode(new CephDecoder(in, "OSDMap"), in);
        } catch (MessageDecodeException e) {
            throw e;
        } catch (ProtocolException e) {
            throw new MessageDecodeException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MessageDecodeException("OSDMap: " + e.getMessage(), e);
        }
    }

    public static OSDMap decode(byte[] blob) throws MessageDecodeException {
        return decode(ByteBuffer.wrap(blob));
    }

    /** {@code in} is the decoder's whole input, positions as the decoder's: the crc is computed over it. */
    private static OSDMap decode(CephDecoder d, ByteBuffer in) throws ProtocolException {
        if (d.remaining() > 0 && (in.get(0) & 0xff) < 7) {
            throw d.error("a pre-Firefly classic encoding (struct_v " + (in.get(0) & 0xff) + ") is not supported");
        }
        int v = d.startStruct(WRAPPER_V, "OSDMap");
        OSDMapBuilder b = new OSDMapBuilder();
        decodeClientPart(d, b);
        int osdOnlyStart = d.position();
        int osdOnlyV = d.startStruct(255, "OSDMap osd-only part");
        d.finishStruct("OSDMap osd-only part");
        byte[] osdOnlyBytes = new byte[d.position() - osdOnlyStart];
        in.duplicate().position(osdOnlyStart).get(osdOnlyBytes);
        b.osdOnly = new OsdOnlyPart(osdOnlyV, osdOnlyBytes);
        if (v >= 8) {
            int crcAt = d.position();
            long crc = d.u32();
            int tailStart = d.position();
            d.finishStruct("OSDMap");
            int actual = Crc32c.compute(Crc32c.SEED_SEGMENT, in.duplicate().position(0).limit(crcAt));
            if (d.position() > tailStart) {
                actual = Crc32c.update(actual, in.duplicate().position(tailStart).limit(d.position()));
            }
            if (crc != Integer.toUnsignedLong(actual)) {
                throw d.error("bad crc, actual " + Integer.toUnsignedString(actual) + " != expected " + crc);
            }
        } else {
            d.finishStruct("OSDMap");
        }
        return new OSDMap(b);
    }

    private static void decodeClientPart(CephDecoder d, OSDMapBuilder b) throws ProtocolException {
        int v = d.startStruct(CLIENT_V, "OSDMap client part");
        b.fsid = d.uuid();
        b.epoch = d.u32();
        b.created = UTime.decode(d);
        b.modified = UTime.decode(d);
        int nPools = d.count("pools", 14);
        for (int i = 0; i < nPools; i++) {
            long id = d.u64();
            b.pools.put(id, PgPool.decode(d));
        }
        int nNames = d.count("pool names", 12);
        for (int i = 0; i < nNames; i++) {
            long id = d.u64();
            b.poolNames.put(id, d.string());
        }
        b.poolMax = d.s32();
        b.flags = d.u32();
        b.maxOsd = d.s32();
        try {
            checkMaxOsd(b.maxOsd, "max_osd");
        } catch (IllegalArgumentException e) {
            throw d.error(e.getMessage());
        }
        b.osdState = v >= 5 ? MapWire.u32Vector(d, "osd_state") : MapWire.u8Vector(d, "osd_state");
        b.osdWeight = MapWire.u32Vector(d, "osd_weight");
        int nAddrs = d.count("client addrs", MapWire.MIN_ADDRVEC);
        b.clientAddrs.clear();
        for (int i = 0; i < nAddrs; i++) {
            b.clientAddrs.add(EntityAddrCodec.decodeVec(d));
        }
        b.pgTemp.putAll(MapWire.pgOsdLists(d, "pg_temp"));
        b.primaryTemp.putAll(MapWire.pgOsd(d, "primary_temp"));
        if (v >= 2) {
            int[] pa = MapWire.u32Vector(d, "osd_primary_affinity");
            b.primaryAffinity = pa.length == 0 ? null : pa;
        }
        b.crush = CrushMap.decode(new CephDecoder(d.bytesView(), "OSDMap crush"));
        if (v >= 3) {
            b.erasureCodeProfiles.putAll(MapWire.profiles(d, "erasure_code_profiles"));
        }
        if (v >= 4) {
            b.pgUpmap.putAll(MapWire.pgOsdLists(d, "pg_upmap"));
            b.pgUpmapItems.putAll(MapWire.pgUpmapItems(d, "pg_upmap_items"));
        }
        if (v >= 6) {
            b.crushVersion = d.s32();
        }
        if (v >= 7) {
            b.newRemovedSnaps.putAll(MapWire.poolIntervals(d, "new_removed_snaps"));
            b.newPurgedSnaps.putAll(MapWire.poolIntervals(d, "new_purged_snaps"));
        }
        if (v >= 9) {
            b.lastUpChange = UTime.decode(d);
            b.lastInChange = UTime.decode(d);
        }
        d.finishStruct("OSDMap client part");
    }

    /**
     * The full encoding: this map's client part (v9), the OSD-only part it was decoded with (or a
     * minimal Nautilus-layout one with empty addresses and default info for a built map), the crc.
     */
    public byte[] encode() {
        CephEncoder e = new CephEncoder(2048);
        e.startStruct(WRAPPER_V, WRAPPER_COMPAT);
        encodeClientPart(e);
        if (osdOnly != null) {
            e.raw(osdOnly.bytes());
        } else {
            OsdOnlyPart.minimal(maxOsd).encodeTo(e);
        }
        int crcAt = e.position();
        e.u32(0); // filled below
        e.finishStruct();
        byte[] out = e.toByteArray();
        int crc = Crc32c.compute(Crc32c.SEED_SEGMENT, out, 0, crcAt);
        ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(crcAt, crc);
        return out;
    }

    private void encodeClientPart(CephEncoder e) {
        e.startStruct(CLIENT_V, 1);
        e.uuid(fsid).u32(epoch);
        created.encode(e);
        modified.encode(e);
        e.u32(pools.size());
        pools.forEach((id, p) -> {
            e.u64(id);
            p.encode(e);
        });
        e.u32(poolNames.size());
        poolNames.forEach((id, name) -> e.u64(id).string(name));
        e.u32(poolMax).u32(flags).u32(maxOsd);
        MapWire.u32Vector(e, osdState);
        MapWire.u32Vector(e, osdWeight);
        e.u32(clientAddrs.size());
        clientAddrs.forEach(a -> EntityAddrCodec.encodeVec(e, a));
        MapWire.pgOsdLists(e, pgTemp);
        MapWire.pgOsd(e, primaryTemp);
        MapWire.u32Vector(e, primaryAffinity == null ? new int[0] : primaryAffinity);
        e.bytes(crush.encode());
        MapWire.profiles(e, erasureCodeProfiles);
        MapWire.pgOsdLists(e, pgUpmap);
        MapWire.pgUpmapItems(e, pgUpmapItems);
        e.u32(crushVersion);
        MapWire.poolIntervals(e, newRemovedSnaps);
        MapWire.poolIntervals(e, newPurgedSnaps);
        lastUpChange.encode(e);
        lastInChange.encode(e);
        e.finishStruct();
    }

    /**
     * The map of the next epoch ({@code OSDMap::apply_incremental}).
     *
     * @throws IllegalArgumentException when {@code inc} is not for epoch + 1 or for another cluster
     * @throws MessageDecodeException when its embedded full or CRUSH map does not decode, or it names
     *         OSDs beyond max_osd
     */
    public OSDMap apply(OSDMapIncremental inc) throws MessageDecodeException {
        return new OSDMapBuilder(this).apply(inc).build();
    }

    public UUID fsid() {
        return fsid;
    }

    /** The epoch, u32. */
    public long epoch() {
        return epoch;
    }

    public UTime created() {
        return created;
    }

    public UTime modified() {
        return modified;
    }

    /** Pools by id. */
    public SortedMap<Long, PgPool> pools() {
        return pools;
    }

    /** The pool with that id, or null. */
    public PgPool pool(long id) {
        return pools.get(id);
    }

    /** Pool names by id. */
    public SortedMap<Long, String> poolNames() {
        return poolNames;
    }

    /** The pool's name, or null. */
    public String poolName(long id) {
        return poolNames.get(id);
    }

    /** {@code lookup_pg_pool_name}: the id of the pool with that name, or −1 (ENOENT). */
    public long lookupPool(String name) {
        Long id = poolIdsByName.get(name);
        return id == null ? -1 : id;
    }

    /** The highest pool id ever used. */
    public int poolMax() {
        return poolMax;
    }

    /** The {@link OSDMapFlags} bits. */
    public long flags() {
        return flags;
    }

    public boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    /** As {@code ceph osd dump} prints them ({@code get_flag_string}). */
    public String flagsString() {
        return OSDMapFlags.toString(flags);
    }

    /** One more than the highest OSD id. */
    public int maxOsd() {
        return maxOsd;
    }

    /** The {@link OsdState} bits of an OSD (0 for ids outside the map). */
    public int osdState(int osd) {
        return osd >= 0 && osd < maxOsd ? osdState[osd] : 0;
    }

    /** {@code exists}: the id is in range and allocated. */
    public boolean exists(int osd) {
        return (osdState(osd) & OsdState.EXISTS) != 0;
    }

    /** {@code is_up}: it exists and is up. */
    public boolean isUp(int osd) {
        return exists(osd) && (osdState[osd] & OsdState.UP) != 0;
    }

    public boolean isDown(int osd) {
        return !isUp(osd);
    }

    /** The reweight, 16.16 unsigned ({@link #WEIGHT_IN} = in); {@link #WEIGHT_OUT} outside the map. */
    public long osdWeight(int osd) {
        return osd >= 0 && osd < maxOsd ? Integer.toUnsignedLong(osdWeight[osd]) : WEIGHT_OUT;
    }

    /** {@code is_out}: it does not exist or its weight is 0. */
    public boolean isOut(int osd) {
        return !exists(osd) || osdWeight(osd) == WEIGHT_OUT;
    }

    public boolean isIn(int osd) {
        return !isOut(osd);
    }

    /** Every OSD's reweight as the CRUSH mapper takes it (u32 bits per device); a copy. */
    public int[] osdWeights() {
        return osdWeight.clone();
    }

    /** Whether the map carries primary affinities at all (Ceph keeps none until one is set). */
    public boolean hasPrimaryAffinity() {
        return primaryAffinity != null;
    }

    /** The OSD's primary affinity, 16.16 unsigned, {@link #DEFAULT_PRIMARY_AFFINITY} when unset. */
    public long primaryAffinity(int osd) {
        if (primaryAffinity == null || osd < 0 || osd >= maxOsd) {
            return DEFAULT_PRIMARY_AFFINITY;
        }
        return Integer.toUnsignedLong(primaryAffinity[osd]);
    }

    /** The OSD's public (client) addresses; an empty vector for an OSD that never booted. */
    public EntityAddrVec clientAddrs(int osd) {
        return clientAddrs.get(Objects.checkIndex(osd, maxOsd));
    }

    /** Temporary acting sets (pg → OSDs) set by peering. */
    public SortedMap<PgId, List<Integer>> pgTemp() {
        return pgTemp;
    }

    /** Temporary primaries. */
    public SortedMap<PgId, Integer> primaryTemp() {
        return primaryTemp;
    }

    public CrushMap crush() {
        return crush;
    }

    /** Erasure code profiles by name. */
    public SortedMap<String, SortedMap<String, String>> erasureCodeProfiles() {
        return erasureCodeProfiles;
    }

    /** Explicit whole mappings. */
    public SortedMap<PgId, List<Integer>> pgUpmap() {
        return pgUpmap;
    }

    /** Explicit OSD substitutions. */
    public SortedMap<PgId, List<UpmapItem>> pgUpmapItems() {
        return pgUpmapItems;
    }

    public int crushVersion() {
        return crushVersion;
    }

    /** Snaps removed in this epoch, by pool (start → length). */
    public SortedMap<Long, SortedMap<Long, Long>> newRemovedSnaps() {
        return newRemovedSnaps;
    }

    /** Snaps purged in this epoch, by pool. */
    public SortedMap<Long, SortedMap<Long, Long>> newPurgedSnaps() {
        return newPurgedSnaps;
    }

    public UTime lastUpChange() {
        return lastUpChange;
    }

    public UTime lastInChange() {
        return lastInChange;
    }

    /** The OSD-only part this map was decoded with, or null for a map built or derived by an incremental. */
    public OsdOnlyPart osdOnlyPart() {
        return osdOnly;
    }

    int[] osdStateRaw() {
        return osdState;
    }

    int[] osdWeightRaw() {
        return osdWeight;
    }

    int[] primaryAffinityRaw() {
        return primaryAffinity;
    }

    List<EntityAddrVec> clientAddrsRaw() {
        return clientAddrs;
    }

    /** Equal when every client-visible field is (the OSD-only part is not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof OSDMap m && fsid.equals(m.fsid) && epoch == m.epoch && created.equals(m.created)
                && modified.equals(m.modified) && pools.equals(m.pools) && poolNames.equals(m.poolNames)
                && poolMax == m.poolMax && flags == m.flags && maxOsd == m.maxOsd
                && Arrays.equals(osdState, m.osdState) && Arrays.equals(osdWeight, m.osdWeight)
                && clientAddrs.equals(m.clientAddrs) && pgTemp.equals(m.pgTemp) && primaryTemp.equals(m.primaryTemp)
                && Arrays.equals(primaryAffinity, m.primaryAffinity) && crush.equals(m.crush)
                && erasureCodeProfiles.equals(m.erasureCodeProfiles) && pgUpmap.equals(m.pgUpmap)
                && pgUpmapItems.equals(m.pgUpmapItems) && crushVersion == m.crushVersion
                && newRemovedSnaps.equals(m.newRemovedSnaps) && newPurgedSnaps.equals(m.newPurgedSnaps)
                && lastUpChange.equals(m.lastUpChange) && lastInChange.equals(m.lastInChange);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fsid, epoch, pools.keySet(), maxOsd);
    }

    @Override
    public String toString() {
        return "OSDMap e" + epoch + " fsid " + fsid + " " + pools.size() + " pools, max_osd " + maxOsd;
    }
}
