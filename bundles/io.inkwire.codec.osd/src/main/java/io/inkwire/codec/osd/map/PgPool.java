package io.inkwire.codec.osd.map;

import io.inkwire.api.ProtocolException;
import io.inkwire.codec.osd.UTime;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.StdString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pool as the OSDMap carries it: Ceph's {@code pg_pool_t} ({@code src/osd/osd_types.{h,cc}}).
 *
 * <p>Wire form {@code ENCODE_START(29, 5)} (what a Pacific monitor writes for a Nautilus-or-newer
 * peer): type, size, crush_rule, object_hash, pg_num, pgp_num, two zero u32s (lpg_num, lpgp_num),
 * last_change, snap_seq, snap_epoch, snaps, removed_snaps, auid, flags, a zero u32
 * (crash_replay_interval), min_size, quotas, tiers, tier_of, cache_mode, read/write tier,
 * properties, hit_set_params, hit-set and cache-tier tunables, erasure_code_profile,
 * last_force_op_resend_preluminous, min_read_recency_for_promote, expected_num_objects, then the
 * fields of v19…v29 ({@link #decode} reads them by struct_v and gives older encodings Ceph's
 * defaults). Three nested structs no client interprets (hit_set_params, pool opts, the last merge's
 * meta) are kept as {@link OpaqueStruct}s so a decoded pool encodes back byte for byte.
 */
public final class PgPool {

    /** {@code TYPE_REPLICATED}. */
    public static final int TYPE_REPLICATED = 1;
    /** {@code TYPE_ERASURE}. */
    public static final int TYPE_ERASURE = 3;

    /** {@code CEPH_STR_HASH_LINUX}: the dcache hash. */
    public static final int HASH_LINUX = 1;
    /** {@code CEPH_STR_HASH_RJENKINS}: the default object hash. */
    public static final int HASH_RJENKINS = 2;

    /** {@code FLAG_HASHPSPOOL}: hash the pool id into the placement seed. */
    public static final long FLAG_HASHPSPOOL = 1L << 0;
    /** {@code FLAG_FULL}: the pool is full; writes block. */
    public static final long FLAG_FULL = 1L << 1;
    /** {@code FLAG_EC_OVERWRITES}. */
    public static final long FLAG_EC_OVERWRITES = 1L << 2;
    /** {@code FLAG_INCOMPLETE_CLONES}. */
    public static final long FLAG_INCOMPLETE_CLONES = 1L << 3;
    /** {@code FLAG_NODELETE}. */
    public static final long FLAG_NODELETE = 1L << 4;
    /** {@code FLAG_NOPGCHANGE}. */
    public static final long FLAG_NOPGCHANGE = 1L << 5;
    /** {@code FLAG_NOSIZECHANGE}. */
    public static final long FLAG_NOSIZECHANGE = 1L << 6;
    /** {@code FLAG_WRITE_FADVISE_DONTNEED}. */
    public static final long FLAG_WRITE_FADVISE_DONTNEED = 1L << 7;
    /** {@code FLAG_NOSCRUB}. */
    public static final long FLAG_NOSCRUB = 1L << 8;
    /** {@code FLAG_NODEEP_SCRUB}. */
    public static final long FLAG_NODEEP_SCRUB = 1L << 9;
    /** {@code FLAG_FULL_QUOTA}: full because of a quota (also sets {@link #FLAG_FULL}). */
    public static final long FLAG_FULL_QUOTA = 1L << 10;
    /** {@code FLAG_NEARFULL}. */
    public static final long FLAG_NEARFULL = 1L << 11;
    /** {@code FLAG_BACKFILLFULL}. */
    public static final long FLAG_BACKFILLFULL = 1L << 12;
    /** {@code FLAG_SELFMANAGED_SNAPS}. */
    public static final long FLAG_SELFMANAGED_SNAPS = 1L << 13;
    /** {@code FLAG_POOL_SNAPS}. */
    public static final long FLAG_POOL_SNAPS = 1L << 14;
    /** {@code FLAG_CREATING}. */
    public static final long FLAG_CREATING = 1L << 15;
    /** {@code FLAG_EIO}. */
    public static final long FLAG_EIO = 1L << 16;
    /** {@code FLAG_BULK}. */
    public static final long FLAG_BULK = 1L << 17;

    /** Flag names in bit order, as {@code pg_pool_t::get_flag_name}. */
    private static final String[] FLAG_NAMES = {"hashpspool", "full", "ec_overwrites", "incomplete_clones",
            "nodelete", "nopgchange", "nosizechange", "write_fadvise_dontneed", "noscrub", "nodeep-scrub",
            "full_quota", "nearfull", "backfillfull", "selfmanaged_snaps", "pool_snaps", "creating", "eio", "bulk"};

    /** {@code pg_autoscale_mode_t} names by value. */
    private static final String[] AUTOSCALE_NAMES = {"off", "warn", "on"};
    /** {@code pg_autoscale_mode_t::UNKNOWN}. */
    public static final int AUTOSCALE_UNKNOWN = 0xff;
    /** {@code cache_mode_t} names by value ({@code get_cache_mode_name}). */
    private static final String[] CACHE_MODE_NAMES = {"none", "writeback", "forward", "readonly", "readforward",
            "readproxy", "proxy"};

    /** The struct_v written. */
    public static final int STRUCT_V = 29;
    /** The compat written and the newest understood. */
    public static final int STRUCT_COMPAT = 5;

    /** A pool snapshot ({@code pool_snap_info_t}, {@code ENCODE_START(2, 2)}). */
    public record Snap(long snapId, UTime stamp, String name) {
        public Snap {
            Objects.requireNonNull(stamp, "stamp");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A nested struct kept as encoded: its struct_v, compat and body.
     *
     * @param version struct_v
     * @param compat struct_compat
     * @param body the bytes after the length
     */
    public record OpaqueStruct(int version, int compat, byte[] body) {
        public OpaqueStruct {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        static OpaqueStruct decode(CephDecoder d, String what) throws ProtocolException {
            int v = d.u8();
            int compat = d.u8();
            long len = d.u32();
            if (len > d.remaining()) {
                throw d.error(what + " length " + len + " exceeds the " + d.remaining() + " bytes left");
            }
            return new OpaqueStruct(v, compat, d.raw((int) len));
        }

        void encode(CephEncoder e) {
            e.u8(version).u8(compat).bytes(body);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OpaqueStruct s && version == s.version && compat == s.compat
                    && java.util.Arrays.equals(body, s.body);
        }

        @Override
        public int hashCode() {
            return 31 * version + java.util.Arrays.hashCode(body);
        }
    }

    /** HitSet::Params with TYPE_NONE, as a new pool has it. */
    public static final OpaqueStruct NO_HIT_SET = new OpaqueStruct(1, 1, new byte[] {0});
    /** An empty {@code pool_opts_t}. */
    public static final OpaqueStruct NO_OPTS = new OpaqueStruct(2, 1, new byte[] {0, 0, 0, 0});
    /** A zero {@code pg_merge_meta_t}. */
    public static final OpaqueStruct NO_MERGE_META = new OpaqueStruct(1, 1, new byte[48]);

    private final int structVersion;
    private final int type;
    private final int size;
    private final int crushRule;
    private final int objectHash;
    private final long pgNum;
    private final long pgpNum;
    private final long lastChange;
    private final long snapSeq;
    private final long snapEpoch;
    private final SortedMap<Long, Snap> snaps;
    private final SortedMap<Long, Long> removedSnaps;
    private final long auid;
    private final long flags;
    private final int minSize;
    private final long quotaMaxBytes;
    private final long quotaMaxObjects;
    private final SortedSet<Long> tiers;
    private final long tierOf;
    private final int cacheMode;
    private final long readTier;
    private final long writeTier;
    private final SortedMap<String, String> properties;
    private final OpaqueStruct hitSetParams;
    private final long hitSetPeriod;
    private final long hitSetCount;
    private final long stripeWidth;
    private final long targetMaxBytes;
    private final long targetMaxObjects;
    private final long cacheTargetDirtyRatioMicro;
    private final long cacheTargetFullRatioMicro;
    private final long cacheMinFlushAge;
    private final long cacheMinEvictAge;
    private final String erasureCodeProfile;
    private final long lastForceOpResendPreluminous;
    private final int minReadRecencyForPromote;
    private final long expectedNumObjects;
    private final long cacheTargetDirtyHighRatioMicro;
    private final long minWriteRecencyForPromote;
    private final boolean useGmtHitset;
    private final boolean fastRead;
    private final long hitSetGradeDecayRate;
    private final long hitSetSearchLastN;
    private final OpaqueStruct opts;
    private final long lastForceOpResendPrenautilus;
    private final SortedMap<String, SortedMap<String, String>> applicationMetadata;
    private final UTime createTime;
    private final long pgNumTarget;
    private final long pgpNumTarget;
    private final long pgNumPending;
    private final long lastForceOpResend;
    private final int pgAutoscaleMode;
    private final OpaqueStruct lastPgMergeMeta;
    private final int pgNumMask;
    private final int pgpNumMask;

    private PgPool(Builder b) {
        if (b.type < 0 || b.type > 0xff || b.size < 0 || b.size > 0xff || b.crushRule < 0 || b.crushRule > 0xff
                || b.objectHash < 0 || b.objectHash > 0xff || b.minSize < 0 || b.minSize > 0xff) {
            throw new IllegalArgumentException("type, size, crush_rule, object_hash and min_size are u8");
        }
        if (b.pgNum < 1 || b.pgNum > 0xffffffffL || b.pgpNum < 1 || b.pgpNum > 0xffffffffL) {
            throw new IllegalArgumentException("pg_num " + b.pgNum + " / pgp_num " + b.pgpNum + " must be u32 ≥ 1");
        }
        this.structVersion = b.structVersion;
        this.type = b.type;
        this.size = b.size;
        this.crushRule = b.crushRule;
        this.objectHash = b.objectHash;
        this.pgNum = b.pgNum;
        this.pgpNum = b.pgpNum;
        this.lastChange = b.lastChange;
        this.snapSeq = b.snapSeq;
        this.snapEpoch = b.snapEpoch;
        TreeMap<Long, Snap> s = new TreeMap<>(Long::compareUnsigned);
        s.putAll(b.snaps);
        this.snaps = Collections.unmodifiableSortedMap(s);
        TreeMap<Long, Long> rs = new TreeMap<>(Long::compareUnsigned);
        rs.putAll(b.removedSnaps);
        this.removedSnaps = Collections.unmodifiableSortedMap(rs);
        this.auid = b.auid;
        this.flags = b.flags;
        this.minSize = b.minSize;
        this.quotaMaxBytes = b.quotaMaxBytes;
        this.quotaMaxObjects = b.quotaMaxObjects;
        TreeSet<Long> t = new TreeSet<>(Long::compareUnsigned);
        t.addAll(b.tiers);
        this.tiers = Collections.unmodifiableSortedSet(t);
        this.tierOf = b.tierOf;
        this.cacheMode = b.cacheMode;
        this.readTier = b.readTier;
        this.writeTier = b.writeTier;
        this.properties = stringMap(b.properties);
        this.hitSetParams = Objects.requireNonNull(b.hitSetParams);
        this.hitSetPeriod = b.hitSetPeriod;
        this.hitSetCount = b.hitSetCount;
        this.stripeWidth = b.stripeWidth;
        this.targetMaxBytes = b.targetMaxBytes;
        this.targetMaxObjects = b.targetMaxObjects;
        this.cacheTargetDirtyRatioMicro = b.cacheTargetDirtyRatioMicro;
        this.cacheTargetFullRatioMicro = b.cacheTargetFullRatioMicro;
        this.cacheMinFlushAge = b.cacheMinFlushAge;
        this.cacheMinEvictAge = b.cacheMinEvictAge;
        this.erasureCodeProfile = Objects.requireNonNull(b.erasureCodeProfile);
        this.lastForceOpResendPreluminous = b.lastForceOpResendPreluminous;
        this.minReadRecencyForPromote = b.minReadRecencyForPromote;
        this.expectedNumObjects = b.expectedNumObjects;
        this.cacheTargetDirtyHighRatioMicro = b.cacheTargetDirtyHighRatioMicro;
        this.minWriteRecencyForPromote = b.minWriteRecencyForPromote;
        this.useGmtHitset = b.useGmtHitset;
        this.fastRead = b.fastRead;
        this.hitSetGradeDecayRate = b.hitSetGradeDecayRate;
        this.hitSetSearchLastN = b.hitSetSearchLastN;
        this.opts = Objects.requireNonNull(b.opts);
        this.lastForceOpResendPrenautilus = b.lastForceOpResendPrenautilus;
        TreeMap<String, SortedMap<String, String>> apps = new TreeMap<>(StdString.ORDER);
        b.applicationMetadata.forEach((k, v) -> apps.put(k, stringMap(v)));
        this.applicationMetadata = Collections.unmodifiableSortedMap(apps);
        this.createTime = Objects.requireNonNull(b.createTime);
        this.pgNumTarget = b.pgNumTarget;
        this.pgpNumTarget = b.pgpNumTarget;
        this.pgNumPending = b.pgNumPending;
        this.lastForceOpResend = b.lastForceOpResend;
        this.pgAutoscaleMode = b.pgAutoscaleMode;
        this.lastPgMergeMeta = Objects.requireNonNull(b.lastPgMergeMeta);
        this.pgNumMask = maskFor(pgNum);
        this.pgpNumMask = maskFor(pgpNum);
    }

    private static SortedMap<String, String> stringMap(Map<String, String> m) {
        TreeMap<String, String> out = new TreeMap<>(StdString.ORDER);
        out.putAll(m);
        return Collections.unmodifiableSortedMap(out);
    }

    /** {@code calc_pg_masks}: {@code (1 << cbits(n - 1)) - 1}, the smallest 2^k − 1 covering n − 1. */
    static int maskFor(long n) {
        long v = n - 1;
        int bits = v == 0 ? 0 : 64 - Long.numberOfLeadingZeros(v);
        return (int) ((1L << bits) - 1);
    }

    /** Decodes one {@code pg_pool_t}, leaving the decoder after it. */
    public static PgPool decode(CephDecoder d) throws ProtocolException {
        int v = d.startStruct(STRUCT_COMPAT, "pg_pool_t");
        if (v < 5) {
            throw d.error("pg_pool_t struct_v " + v + " predates length-prefixed encodings (v5)");
        }
        Builder b = new Builder();
        b.structVersion = v;
        b.type = d.u8();
        b.size = d.u8();
        b.crushRule = d.u8();
        b.objectHash = d.u8();
        b.pgNum = d.u32();
        b.pgpNum = d.u32();
        d.u32(); // lpg_num
        d.u32(); // lpgp_num
        b.lastChange = d.u32();
        b.snapSeq = d.u64();
        b.snapEpoch = d.u32();
        int nSnaps = d.count("pool snaps", 14);
        for (int i = 0; i < nSnaps; i++) {
            long key = d.u64();
            d.startStruct(2, "pool_snap_info_t");
            long snapId = d.u64();
            UTime stamp = UTime.decode(d);
            String name = d.string();
            d.finishStruct("pool_snap_info_t");
            b.snaps.put(key, new Snap(snapId, stamp, name));
        }
        b.removedSnaps = MapWire.intervalSet(d, "removed_snaps");
        b.auid = d.u64();
        b.flags = d.u64();
        d.u32(); // crash_replay_interval
        // upgrade path for selfmanaged vs pool snaps, as pg_pool_t::decode does
        if (b.snapSeq != 0 && (b.flags & (FLAG_SELFMANAGED_SNAPS | FLAG_POOL_SNAPS)) == 0) {
            b.flags |= b.removedSnaps.isEmpty() ? FLAG_POOL_SNAPS : FLAG_SELFMANAGED_SNAPS;
        }
        b.minSize = v >= 7 ? d.u8() : b.size - b.size / 2;
        if (v >= 8) {
            b.quotaMaxBytes = d.u64();
            b.quotaMaxObjects = d.u64();
        }
        if (v >= 9) {
            int n = d.count("tiers", 8);
            for (int i = 0; i < n; i++) {
                b.tiers.add(d.u64());
            }
            b.tierOf = d.u64();
            b.cacheMode = d.u8();
            b.readTier = d.u64();
            b.writeTier = d.u64();
        }
        if (v >= 10) {
            b.properties = MapWire.stringMap(d, "properties");
        }
        if (v >= 11) {
            b.hitSetParams = OpaqueStruct.decode(d, "hit_set_params");
            b.hitSetPeriod = d.u32();
            b.hitSetCount = d.u32();
        }
        if (v >= 12) {
            b.stripeWidth = d.u32();
        }
        if (v >= 13) {
            b.targetMaxBytes = d.u64();
            b.targetMaxObjects = d.u64();
            b.cacheTargetDirtyRatioMicro = d.u32();
            b.cacheTargetFullRatioMicro = d.u32();
            b.cacheMinFlushAge = d.u32();
            b.cacheMinEvictAge = d.u32();
        }
        if (v >= 14) {
            b.erasureCodeProfile = d.string();
        }
        b.lastForceOpResendPreluminous = v >= 15 ? d.u32() : 0;
        b.minReadRecencyForPromote = v >= 16 ? d.s32() : 1;
        b.expectedNumObjects = v >= 17 ? d.u64() : 0;
        b.cacheTargetDirtyHighRatioMicro = v >= 19 ? d.u32() : b.cacheTargetDirtyRatioMicro;
        b.minWriteRecencyForPromote = v >= 20 ? d.u32() : 1;
        b.useGmtHitset = v >= 21 && d.bool();
        b.fastRead = v >= 22 && d.bool();
        if (v >= 23) {
            b.hitSetGradeDecayRate = d.u32();
            b.hitSetSearchLastN = d.u32();
        } else {
            b.hitSetGradeDecayRate = 0;
            b.hitSetSearchLastN = 1;
        }
        if (v >= 24) {
            b.opts = OpaqueStruct.decode(d, "pool_opts_t");
        }
        b.lastForceOpResendPrenautilus = v >= 25 ? d.u32() : b.lastForceOpResendPreluminous;
        if (v >= 26) {
            int n = d.count("application_metadata", 8);
            for (int i = 0; i < n; i++) {
                b.applicationMetadata.put(d.string(), MapWire.stringMap(d, "application_metadata"));
            }
        }
        if (v >= 27) {
            b.createTime = UTime.decode(d);
        }
        if (v >= 28) {
            b.pgNumTarget = d.u32();
            b.pgpNumTarget = d.u32();
            b.pgNumPending = d.u32();
            d.u32(); // pg_num_dec_last_epoch_started, from 14.1.[01]
            d.u32(); // pg_num_dec_last_epoch_clean
            b.lastForceOpResend = d.u32();
            b.pgAutoscaleMode = d.u8();
            if (v >= 29) {
                b.lastPgMergeMeta = OpaqueStruct.decode(d, "pg_merge_meta_t");
            }
        } else {
            b.pgNumTarget = b.pgNum;
            b.pgpNumTarget = b.pgpNum;
            b.pgNumPending = b.pgNum;
            b.lastForceOpResend = b.lastForceOpResendPrenautilus;
            b.pgAutoscaleMode = 1; // WARN on upgrade
        }
        d.finishStruct("pg_pool_t");
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw d.error("pg_pool_t: " + e.getMessage());
        }
    }

    /** The v29 encoding ({@code pg_pool_t::encode} for a Nautilus-or-newer peer). */
    public void encode(CephEncoder e) {
        e.startStruct(STRUCT_V, STRUCT_COMPAT);
        e.u8(type).u8(size).u8(crushRule).u8(objectHash).u32(pgNum).u32(pgpNum).u32(0).u32(0);
        e.u32(lastChange).u64(snapSeq).u32(snapEpoch);
        e.u32(snaps.size());
        snaps.forEach((k, s) -> {
            e.u64(k).startStruct(2, 2).u64(s.snapId());
            s.stamp().encode(e);
            e.string(s.name()).finishStruct();
        });
        MapWire.intervalSet(e, removedSnaps);
        e.u64(auid).u64(flags).u32(0).u8(minSize).u64(quotaMaxBytes).u64(quotaMaxObjects);
        e.u32(tiers.size());
        tiers.forEach(e::u64);
        e.u64(tierOf).u8(cacheMode).u64(readTier).u64(writeTier);
        e.stringMap(properties);
        hitSetParams.encode(e);
        e.u32(hitSetPeriod).u32(hitSetCount).u32(stripeWidth).u64(targetMaxBytes).u64(targetMaxObjects);
        e.u32(cacheTargetDirtyRatioMicro).u32(cacheTargetFullRatioMicro).u32(cacheMinFlushAge).u32(cacheMinEvictAge);
        e.string(erasureCodeProfile).u32(lastForceOpResendPreluminous).u32(minReadRecencyForPromote);
        e.u64(expectedNumObjects).u32(cacheTargetDirtyHighRatioMicro).u32(minWriteRecencyForPromote);
        e.bool(useGmtHitset).bool(fastRead).u32(hitSetGradeDecayRate).u32(hitSetSearchLastN);
        opts.encode(e);
        e.u32(lastForceOpResendPrenautilus);
        e.u32(applicationMetadata.size());
        applicationMetadata.forEach((app, kv) -> e.string(app).stringMap(kv));
        createTime.encode(e);
        e.u32(pgNumTarget).u32(pgpNumTarget).u32(pgNumPending).u32(0).u32(0).u32(lastForceOpResend).u8(pgAutoscaleMode);
        lastPgMergeMeta.encode(e);
        e.finishStruct();
    }

    /** A builder with {@code pg_pool_t}'s defaults: replicated, size 0, rjenkins, pg_num 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this pool's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.structVersion = structVersion;
        b.type = type;
        b.size = size;
        b.crushRule = crushRule;
        b.objectHash = objectHash;
        b.pgNum = pgNum;
        b.pgpNum = pgpNum;
        b.lastChange = lastChange;
        b.snapSeq = snapSeq;
        b.snapEpoch = snapEpoch;
        b.snaps.putAll(snaps);
        b.removedSnaps = new LinkedHashMap<>(removedSnaps);
        b.auid = auid;
        b.flags = flags;
        b.minSize = minSize;
        b.quotaMaxBytes = quotaMaxBytes;
        b.quotaMaxObjects = quotaMaxObjects;
        b.tiers.addAll(tiers);
        b.tierOf = tierOf;
        b.cacheMode = cacheMode;
        b.readTier = readTier;
        b.writeTier = writeTier;
        b.properties = new LinkedHashMap<>(properties);
        b.hitSetParams = hitSetParams;
        b.hitSetPeriod = hitSetPeriod;
        b.hitSetCount = hitSetCount;
        b.stripeWidth = stripeWidth;
        b.targetMaxBytes = targetMaxBytes;
        b.targetMaxObjects = targetMaxObjects;
        b.cacheTargetDirtyRatioMicro = cacheTargetDirtyRatioMicro;
        b.cacheTargetFullRatioMicro = cacheTargetFullRatioMicro;
        b.cacheMinFlushAge = cacheMinFlushAge;
        b.cacheMinEvictAge = cacheMinEvictAge;
        b.erasureCodeProfile = erasureCodeProfile;
        b.lastForceOpResendPreluminous = lastForceOpResendPreluminous;
        b.minReadRecencyForPromote = minReadRecencyForPromote;
        b.expectedNumObjects = expectedNumObjects;
        b.cacheTargetDirtyHighRatioMicro = cacheTargetDirtyHighRatioMicro;
        b.minWriteRecencyForPromote = minWriteRecencyForPromote;
        b.useGmtHitset = useGmtHitset;
        b.fastRead = fastRead;
        b.hitSetGradeDecayRate = hitSetGradeDecayRate;
        b.hitSetSearchLastN = hitSetSearchLastN;
        b.opts = opts;
        b.lastForceOpResendPrenautilus = lastForceOpResendPrenautilus;
        applicationMetadata.forEach((k, v) -> b.applicationMetadata.put(k, new LinkedHashMap<>(v)));
        b.createTime = createTime;
        b.pgNumTarget = pgNumTarget;
        b.pgpNumTarget = pgpNumTarget;
        b.pgNumPending = pgNumPending;
        b.lastForceOpResend = lastForceOpResend;
        b.pgAutoscaleMode = pgAutoscaleMode;
        b.lastPgMergeMeta = lastPgMergeMeta;
        return b;
    }

    /** The struct_v this pool was decoded from ({@link #STRUCT_V} for built pools). */
    public int structVersion() {
        return structVersion;
    }

    /** {@link #TYPE_REPLICATED} or {@link #TYPE_ERASURE}. */
    public int type() {
        return type;
    }

    public boolean isErasure() {
        return type == TYPE_ERASURE;
    }

    /** {@code can_shift_osds}: replicated pools close up holes in their OSD lists; EC pools keep positions. */
    public boolean canShiftOsds() {
        return type == TYPE_REPLICATED;
    }

    /** "replicated", "erasure" or "unknown" ({@code get_type_name}). */
    public String typeName() {
        return type == TYPE_REPLICATED ? "replicated" : type == TYPE_ERASURE ? "erasure" : "unknown";
    }

    public int size() {
        return size;
    }

    public int minSize() {
        return minSize;
    }

    /** The CRUSH rule id. */
    public int crushRule() {
        return crushRule;
    }

    /** {@link #HASH_RJENKINS} or {@link #HASH_LINUX}. */
    public int objectHash() {
        return objectHash;
    }

    /** "linux", "rjenkins" or "unknown" ({@code ceph_str_hash_name}). */
    public String objectHashName() {
        return objectHash == HASH_LINUX ? "linux" : objectHash == HASH_RJENKINS ? "rjenkins" : "unknown";
    }

    /** {@code pg_num}, u32. */
    public long pgNum() {
        return pgNum;
    }

    /** {@code pgp_num}, u32: how many PGs placement distinguishes. */
    public long pgpNum() {
        return pgpNum;
    }

    /** {@code pg_num_mask}. */
    public int pgNumMask() {
        return pgNumMask;
    }

    /** {@code pgp_num_mask}. */
    public int pgpNumMask() {
        return pgpNumMask;
    }

    public long pgNumTarget() {
        return pgNumTarget;
    }

    public long pgpNumTarget() {
        return pgpNumTarget;
    }

    /** {@code pg_num_pending}: below pg_num while PGs merge. */
    public long pgNumPending() {
        return pgNumPending;
    }

    /** The epoch the pool last changed. */
    public long lastChange() {
        return lastChange;
    }

    public long snapSeq() {
        return snapSeq;
    }

    public long snapEpoch() {
        return snapEpoch;
    }

    /** Pool snapshots by id (pool-snaps mode). */
    public SortedMap<Long, Snap> snaps() {
        return snaps;
    }

    /** Removed self-managed snaps as start → length intervals (pre-Octopus maps; empty since). */
    public SortedMap<Long, Long> removedSnaps() {
        return removedSnaps;
    }

    public long auid() {
        return auid;
    }

    /** The {@code FLAG_*} bits. */
    public long flags() {
        return flags;
    }

    public boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    /** Flag names joined with commas, as {@code get_flags_string}. */
    public String flagsString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            if ((flags & (1L << i)) != 0) {
                if (s.length() > 0) {
                    s.append(',');
                }
                s.append(i < FLAG_NAMES.length ? FLAG_NAMES[i] : "???");
            }
        }
        return s.toString();
    }

    public long quotaMaxBytes() {
        return quotaMaxBytes;
    }

    public long quotaMaxObjects() {
        return quotaMaxObjects;
    }

    /** The pools that are cache tiers of this one. */
    public SortedSet<Long> tiers() {
        return tiers;
    }

    /** The base pool this is a tier of, or −1. */
    public long tierOf() {
        return tierOf;
    }

    public boolean isTier() {
        return tierOf >= 0;
    }

    /** {@code cache_mode_t}: 0 none, 1 writeback, 2 forward, 3 readonly, 4 readforward, 5 readproxy, 6 proxy. */
    public int cacheMode() {
        return cacheMode;
    }

    /** Where reads go instead (a cache tier), or −1. */
    public long readTier() {
        return readTier;
    }

    /** Where writes go instead, or −1. */
    public long writeTier() {
        return writeTier;
    }

    /** {@code get_cache_mode_name}. */
    public String cacheModeName() {
        return cacheMode < CACHE_MODE_NAMES.length ? CACHE_MODE_NAMES[cacheMode] : "unknown";
    }

    public SortedMap<String, String> properties() {
        return properties;
    }

    public OpaqueStruct hitSetParams() {
        return hitSetParams;
    }

    public long hitSetPeriod() {
        return hitSetPeriod;
    }

    public long hitSetCount() {
        return hitSetCount;
    }

    /** EC stripe width in bytes (0 for replicated pools). */
    public long stripeWidth() {
        return stripeWidth;
    }

    public long targetMaxBytes() {
        return targetMaxBytes;
    }

    public long targetMaxObjects() {
        return targetMaxObjects;
    }

    public long cacheTargetDirtyRatioMicro() {
        return cacheTargetDirtyRatioMicro;
    }

    public long cacheTargetDirtyHighRatioMicro() {
        return cacheTargetDirtyHighRatioMicro;
    }

    public long cacheTargetFullRatioMicro() {
        return cacheTargetFullRatioMicro;
    }

    public long cacheMinFlushAge() {
        return cacheMinFlushAge;
    }

    public long cacheMinEvictAge() {
        return cacheMinEvictAge;
    }

    /** The EC profile name (empty for replicated pools). */
    public String erasureCodeProfile() {
        return erasureCodeProfile;
    }

    public int minReadRecencyForPromote() {
        return minReadRecencyForPromote;
    }

    public long minWriteRecencyForPromote() {
        return minWriteRecencyForPromote;
    }

    public long expectedNumObjects() {
        return expectedNumObjects;
    }

    public boolean useGmtHitset() {
        return useGmtHitset;
    }

    public boolean fastRead() {
        return fastRead;
    }

    public long hitSetGradeDecayRate() {
        return hitSetGradeDecayRate;
    }

    public long hitSetSearchLastN() {
        return hitSetSearchLastN;
    }

    public OpaqueStruct opts() {
        return opts;
    }

    /** The epoch from which clients must resend in-flight ops to this pool (Nautilus and later). */
    public long lastForceOpResend() {
        return lastForceOpResend;
    }

    /** The same for pre-Nautilus clients. */
    public long lastForceOpResendPrenautilus() {
        return lastForceOpResendPrenautilus;
    }

    /** The same for pre-Luminous clients. */
    public long lastForceOpResendPreluminous() {
        return lastForceOpResendPreluminous;
    }

    /** Application → key → value ({@code rados: {}}, {@code rbd: {}} …). */
    public SortedMap<String, SortedMap<String, String>> applicationMetadata() {
        return applicationMetadata;
    }

    public UTime createTime() {
        return createTime;
    }

    /** {@code pg_autoscale_mode_t}: 0 off, 1 warn, 2 on. */
    public int pgAutoscaleMode() {
        return pgAutoscaleMode;
    }

    /** "off", "warn", "on" or "unknown". */
    public String pgAutoscaleModeName() {
        return pgAutoscaleMode < AUTOSCALE_NAMES.length ? AUTOSCALE_NAMES[pgAutoscaleMode] : "unknown";
    }

    public OpaqueStruct lastPgMergeMeta() {
        return lastPgMergeMeta;
    }

    /**
     * The pool as {@code ceph osd dump} prints it after {@code pool N 'name' }
     * ({@code operator<<(ostream&, const pg_pool_t&)}).
     */
    public String describe() {
        StringBuilder out = new StringBuilder(typeName());
        if (type == TYPE_ERASURE) {
            out.append(" profile ").append(erasureCodeProfile);
        }
        out.append(" size ").append(size).append(" min_size ").append(minSize).append(" crush_rule ").append(crushRule)
                .append(" object_hash ").append(objectHashName()).append(" pg_num ").append(pgNum)
                .append(" pgp_num ").append(pgpNum);
        if (pgNumTarget != pgNum) {
            out.append(" pg_num_target ").append(pgNumTarget);
        }
        if (pgpNumTarget != pgpNum) {
            out.append(" pgp_num_target ").append(pgpNumTarget);
        }
        if (pgNumPending != pgNum) {
            out.append(" pg_num_pending ").append(pgNumPending);
        }
        if (pgAutoscaleMode != AUTOSCALE_UNKNOWN) {
            out.append(" autoscale_mode ").append(pgAutoscaleModeName());
        }
        out.append(" last_change ").append(lastChange);
        if (lastForceOpResend != 0 || lastForceOpResendPrenautilus != 0 || lastForceOpResendPreluminous != 0) {
            out.append(" lfor ").append(lastForceOpResend).append('/').append(lastForceOpResendPrenautilus)
                    .append('/').append(lastForceOpResendPreluminous);
        }
        if (auid != 0) {
            out.append(" owner ").append(Long.toUnsignedString(auid));
        }
        if (flags != 0) {
            out.append(" flags ").append(flagsString());
        }
        if (quotaMaxBytes != 0) {
            out.append(" max_bytes ").append(Long.toUnsignedString(quotaMaxBytes));
        }
        if (quotaMaxObjects != 0) {
            out.append(" max_objects ").append(Long.toUnsignedString(quotaMaxObjects));
        }
        if (!tiers.isEmpty()) {
            List<String> ts = new ArrayList<>();
            tiers.forEach(t -> ts.add(Long.toUnsignedString(t)));
            out.append(" tiers ").append(String.join(",", ts));
        }
        if (isTier()) {
            out.append(" tier_of ").append(tierOf);
        }
        if (readTier >= 0) {
            out.append(" read_tier ").append(readTier);
        }
        if (writeTier >= 0) {
            out.append(" write_tier ").append(writeTier);
        }
        if (cacheMode != 0) {
            out.append(" cache_mode ").append(cacheModeName());
        }
        if (targetMaxBytes != 0) {
            out.append(" target_bytes ").append(Long.toUnsignedString(targetMaxBytes));
        }
        if (targetMaxObjects != 0) {
            out.append(" target_objects ").append(Long.toUnsignedString(targetMaxObjects));
        }
        if (minReadRecencyForPromote != 0) {
            out.append(" min_read_recency_for_promote ").append(Integer.toUnsignedString(minReadRecencyForPromote));
        }
        if (minWriteRecencyForPromote != 0) {
            out.append(" min_write_recency_for_promote ").append(minWriteRecencyForPromote);
        }
        out.append(" stripe_width ").append(stripeWidth);
        if (expectedNumObjects != 0) {
            out.append(" expected_num_objects ").append(Long.toUnsignedString(expectedNumObjects));
        }
        if (fastRead) {
            out.append(" fast_read 1");
        }
        if (!applicationMetadata.isEmpty()) {
            out.append(" application ").append(String.join(",", applicationMetadata.keySet()));
        }
        return out.toString();
    }

    /**
     * Equal when both encode to the same bytes: the same fields. The struct_v a pool was decoded
     * from is where it came from, not what it is: a v25 pool and its v29 re-encoding are equal.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PgPool p)) {
            return false;
        }
        CephEncoder a = new CephEncoder(256);
        CephEncoder b = new CephEncoder(256);
        encode(a);
        p.encode(b);
        return java.util.Arrays.equals(a.toByteArray(), b.toByteArray());
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, size, crushRule, pgNum, pgpNum, flags, lastChange);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Pool fields by name; unset fields keep {@code pg_pool_t}'s constructor defaults. */
    public static final class Builder {
        private int structVersion = STRUCT_V;
        private int type = TYPE_REPLICATED;
        private int size;
        private int crushRule;
        private int objectHash = HASH_RJENKINS;
        private long pgNum = 1;
        private long pgpNum = 1;
        private long lastChange;
        private long snapSeq;
        private long snapEpoch;
        private final Map<Long, Snap> snaps = new LinkedHashMap<>();
        private Map<Long, Long> removedSnaps = new LinkedHashMap<>();
        private long auid;
        private long flags;
        private int minSize;
        private long quotaMaxBytes;
        private long quotaMaxObjects;
        private final List<Long> tiers = new ArrayList<>();
        private long tierOf = -1;
        private int cacheMode;
        private long readTier = -1;
        private long writeTier = -1;
        private Map<String, String> properties = new LinkedHashMap<>();
        private OpaqueStruct hitSetParams = NO_HIT_SET;
        private long hitSetPeriod;
        private long hitSetCount;
        private long stripeWidth;
        private long targetMaxBytes;
        private long targetMaxObjects;
        private long cacheTargetDirtyRatioMicro;
        private long cacheTargetFullRatioMicro;
        private long cacheMinFlushAge;
        private long cacheMinEvictAge;
        private String erasureCodeProfile = "";
        private long lastForceOpResendPreluminous;
        private int minReadRecencyForPromote;
        private long expectedNumObjects;
        private long cacheTargetDirtyHighRatioMicro;
        private long minWriteRecencyForPromote;
        private boolean useGmtHitset = true;
        private boolean fastRead;
        private long hitSetGradeDecayRate;
        private long hitSetSearchLastN;
        private OpaqueStruct opts = NO_OPTS;
        private long lastForceOpResendPrenautilus;
        private final Map<String, Map<String, String>> applicationMetadata = new LinkedHashMap<>();
        private UTime createTime = UTime.ZERO;
        private long pgNumTarget = 1;
        private long pgpNumTarget = 1;
        private long pgNumPending = 1;
        private long lastForceOpResend;
        private int pgAutoscaleMode;
        private OpaqueStruct lastPgMergeMeta = NO_MERGE_META;

        private Builder() {
        }

        public Builder type(int v) {
            type = v;
            return this;
        }

        public Builder size(int v) {
            size = v;
            return this;
        }

        public Builder minSize(int v) {
            minSize = v;
            return this;
        }

        public Builder crushRule(int v) {
            crushRule = v;
            return this;
        }

        public Builder objectHash(int v) {
            objectHash = v;
            return this;
        }

        /** Sets pg_num, and pg_num_target and pg_num_pending with it, as {@code set_pg_num}. */
        public Builder pgNum(long v) {
            pgNum = v;
            pgNumTarget = v;
            pgNumPending = v;
            return this;
        }

        /** Sets pgp_num and pgp_num_target. */
        public Builder pgpNum(long v) {
            pgpNum = v;
            pgpNumTarget = v;
            return this;
        }

        public Builder pgNumPending(long v) {
            pgNumPending = v;
            return this;
        }

        public Builder lastChange(long v) {
            lastChange = v;
            return this;
        }

        public Builder flags(long v) {
            flags = v;
            return this;
        }

        public Builder tiers(List<Long> v) {
            tiers.clear();
            tiers.addAll(v);
            return this;
        }

        public Builder tierOf(long v) {
            tierOf = v;
            return this;
        }

        public Builder cacheMode(int v) {
            cacheMode = v;
            return this;
        }

        public Builder readTier(long v) {
            readTier = v;
            return this;
        }

        public Builder writeTier(long v) {
            writeTier = v;
            return this;
        }

        public Builder quotas(long maxBytes, long maxObjects) {
            quotaMaxBytes = maxBytes;
            quotaMaxObjects = maxObjects;
            return this;
        }

        public Builder stripeWidth(long v) {
            stripeWidth = v;
            return this;
        }

        public Builder erasureCodeProfile(String v) {
            erasureCodeProfile = v;
            return this;
        }

        public Builder snapSeq(long v) {
            snapSeq = v;
            return this;
        }

        public Builder snap(long key, Snap s) {
            snaps.put(key, s);
            return this;
        }

        public Builder removedSnaps(Map<Long, Long> intervals) {
            removedSnaps = new LinkedHashMap<>(intervals);
            return this;
        }

        /** Sets all three last_force_op_resend fields. */
        public Builder lastForceOpResend(long v) {
            lastForceOpResend = v;
            lastForceOpResendPrenautilus = v;
            lastForceOpResendPreluminous = v;
            return this;
        }

        public Builder application(String app, Map<String, String> meta) {
            applicationMetadata.put(app, new LinkedHashMap<>(meta));
            return this;
        }

        public Builder pgAutoscaleMode(int v) {
            pgAutoscaleMode = v;
            return this;
        }

        public Builder createTime(UTime v) {
            createTime = v;
            return this;
        }

        public PgPool build() {
            return new PgPool(this);
        }
    }
}
