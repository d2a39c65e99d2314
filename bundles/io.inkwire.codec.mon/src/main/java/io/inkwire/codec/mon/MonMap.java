package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.StdString;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The monitor map ({@code src/mon/MonMap.{h,cc}}): which monitors form the cluster, in rank order.
 *
 * <p>Wire form (the one a Nautilus-or-newer peer with MONENC gets): {@code ENCODE_START(9, 6)} with
 * fsid, epoch, last_changed, created, persistent and optional {@code mon_feature_t},
 * {@code map<string, mon_info_t>} (sorted by name), ranks, then [v7] min_mon_release, [v8]
 * removed_ranks, strategy, disallowed_leaders, [v9] stretch_mode_enabled, tiebreaker_mon,
 * stretch_marked_down_mons. {@link #encode()} writes v9 exactly as a Pacific monitor does;
 * {@link #decode(CephDecoder)} reads v6…v9 (and newer versions with compat ≤ 9), skipping unknown
 * trailing fields. Older, pre-Nautilus layouts are refused.
 *
 * @param fsid the cluster id
 * @param epoch the map's epoch ({@code u32})
 * @param lastChanged when the map last changed ({@code utime_t})
 * @param created when the cluster's first map was made
 * @param persistentFeatures monitor features that can never be removed ({@code FEATURE_*} bits below)
 * @param optionalFeatures monitor features in use but removable
 * @param mons the monitors in rank order: {@code mons.get(r)} is rank {@code r}
 * @param minMonRelease the oldest {@code ceph_release_t} allowed to join (16 = pacific)
 * @param removedRanks ranks recently removed (v8)
 * @param electionStrategy {@link #ELECTION_CLASSIC}, {@link #ELECTION_DISALLOW} or {@link #ELECTION_CONNECTIVITY}
 * @param disallowedLeaders monitors never to be leader
 * @param stretchModeEnabled stretch mode on
 * @param tiebreakerMon the stretch-mode tiebreaker, empty if none
 * @param stretchMarkedDownMons monitors in a stretch zone marked down
 */
public record MonMap(UUID fsid, long epoch, Instant lastChanged, Instant created,
                     long persistentFeatures, long optionalFeatures, List<MonInfo> mons, int minMonRelease,
                     Set<Integer> removedRanks, int electionStrategy, Set<String> disallowedLeaders,
                     boolean stretchModeEnabled, String tiebreakerMon, Set<String> stretchMarkedDownMons) {

    /** The struct_v written (Nautilus and later). */
    public static final int STRUCT_V = 9;
    /** The compat version written: decoders older than v6 cannot read it. */
    public static final int STRUCT_COMPAT = 6;
    /** The oldest struct_v decoded here: v6 is the first with addrvecs inside {@code mon_info} and encoded ranks. */
    public static final int MIN_STRUCT_V = 6;

    /** {@code ceph::features::mon::FEATURE_KRAKEN}. */
    public static final long FEATURE_KRAKEN = 1L << 0;
    /** {@code FEATURE_LUMINOUS}. */
    public static final long FEATURE_LUMINOUS = 1L << 1;
    /** {@code FEATURE_MIMIC}. */
    public static final long FEATURE_MIMIC = 1L << 2;
    /** {@code FEATURE_OSDMAP_PRUNE}. */
    public static final long FEATURE_OSDMAP_PRUNE = 1L << 3;
    /** {@code FEATURE_NAUTILUS}. */
    public static final long FEATURE_NAUTILUS = 1L << 4;
    /** {@code FEATURE_OCTOPUS}. */
    public static final long FEATURE_OCTOPUS = 1L << 5;
    /** {@code FEATURE_PACIFIC}. */
    public static final long FEATURE_PACIFIC = 1L << 6;
    /** {@code FEATURE_PINGING}: elector pinging and the connectivity strategy. */
    public static final long FEATURE_PINGING = 1L << 7;
    /** The persistent features of a Pacific cluster's map (0xff, as captured from 16.2.15). */
    public static final long PACIFIC_PERSISTENT_FEATURES = FEATURE_KRAKEN | FEATURE_LUMINOUS | FEATURE_MIMIC
            | FEATURE_OSDMAP_PRUNE | FEATURE_NAUTILUS | FEATURE_OCTOPUS | FEATURE_PACIFIC | FEATURE_PINGING;

    /** {@code ceph_release_t::pacific}. */
    public static final int CEPH_RELEASE_PACIFIC = 16;

    /** {@code MonMap::CLASSIC}: the election strategy a new map gets. */
    public static final int ELECTION_CLASSIC = 1;
    /** {@code MonMap::DISALLOW}. */
    public static final int ELECTION_DISALLOW = 2;
    /** {@code MonMap::CONNECTIVITY}. */
    public static final int ELECTION_CONNECTIVITY = 3;

    /** {@code ceph_release_t} names by number, as {@code ceph_release_name} prints them. */
    private static final List<String> RELEASE_NAMES = List.of("unknown", "argonaut", "bobtail", "cuttlefish",
            "dumpling", "emperor", "firefly", "giant", "hammer", "infernalis", "jewel", "kraken", "luminous",
            "mimic", "nautilus", "octopus", "pacific", "quincy", "reef", "squid", "tentacle");

    /** {@code utime_t}'s ISO form; the zone offset is printed the {@code %z} way. */
    private static final DateTimeFormatter UTIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx");
    /** {@code utime_t} prints times under ten years (of 365 days) as relative seconds. */
    private static final long UTIME_RELATIVE_BELOW = 60L * 60 * 24 * 365 * 10;

    public MonMap {
        Objects.requireNonNull(fsid, "fsid");
        checkU32(epoch, "epoch");
        checkUtime(lastChanged, "lastChanged");
        checkUtime(created, "created");
        mons = List.copyOf(mons);
        Set<String> names = new HashSet<>();
        for (MonInfo m : mons) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("two monitors named '" + m.name() + "'");
            }
        }
        checkU8(minMonRelease, "minMonRelease");
        removedRanks = Collections.unmodifiableSortedSet(new TreeSet<>(removedRanks));
        checkU8(electionStrategy, "electionStrategy");
        disallowedLeaders = sortedStrings(disallowedLeaders);
        Objects.requireNonNull(tiebreakerMon, "tiebreakerMon");
        stretchMarkedDownMons = sortedStrings(stretchMarkedDownMons);
    }

    /**
     * A map as a Pacific monitor makes a new one ({@code monmaptool --create}): last_changed =
     * created, Pacific's persistent features, min_mon_release pacific, classic elections, no
     * stretch mode.
     */
    public static MonMap of(UUID fsid, long epoch, Instant created, List<MonInfo> mons) {
        return new MonMap(fsid, epoch, created, created, PACIFIC_PERSISTENT_FEATURES, 0, mons,
                CEPH_RELEASE_PACIFIC, Set.of(), ELECTION_CLASSIC, Set.of(), false, "", Set.of());
    }

    /** This map with another epoch and last_changed. */
    public MonMap withEpoch(long newEpoch, Instant changed) {
        return new MonMap(fsid, newEpoch, changed, created, persistentFeatures, optionalFeatures, mons,
                minMonRelease, removedRanks, electionStrategy, disallowedLeaders, stretchModeEnabled,
                tiebreakerMon, stretchMarkedDownMons);
    }

    /** Monitor names in rank order ({@code MonMap::ranks}). */
    public List<String> ranks() {
        return mons.stream().map(MonInfo::name).toList();
    }

    /** The rank of the named monitor, or −1. */
    public int rank(String name) {
        for (int r = 0; r < mons.size(); r++) {
            if (mons.get(r).name().equals(name)) {
                return r;
            }
        }
        return -1;
    }

    public Optional<MonInfo> mon(String name) {
        int r = rank(name);
        return r < 0 ? Optional.empty() : Optional.of(mons.get(r));
    }

    /** The v9 encoding ({@code MonMap::encode} for a peer with MONENC and SERVER_NAUTILUS). */
    public byte[] encode() {
        CephEncoder e = new CephEncoder(256);
        encode(e);
        return e.toByteArray();
    }

    public void encode(CephEncoder e) {
        e.startStruct(STRUCT_V, STRUCT_COMPAT);
        e.uuid(fsid);
        e.u32(epoch);
        utime(e, lastChanged);
        utime(e, created);
        monFeatures(e, persistentFeatures);
        monFeatures(e, optionalFeatures);
        TreeMap<String, MonInfo> byName = new TreeMap<>(StdString.ORDER);
        mons.forEach(m -> byName.put(m.name(), m));
        e.u32(byName.size());
        byName.forEach((name, info) -> {
            e.string(name);
            info.encode(e);
        });
        e.stringList(ranks());
        e.u8(minMonRelease);
        e.u32(removedRanks.size());
        removedRanks.forEach(e::u32);
        e.u8(electionStrategy);
        e.stringList(disallowedLeaders);
        e.bool(stretchModeEnabled);
        e.string(tiebreakerMon);
        e.stringList(stretchMarkedDownMons);
        e.finishStruct();
    }

    /** Decodes an encoded map; bytes after the struct are ignored, as {@code MonMap::decode} ignores them. */
    public static MonMap decode(byte[] monmapBl) throws ProtocolException {
        return decode(new CephDecoder(monmapBl, "MonMap"));
    }

    /** Decodes one MonMap struct, leaving the decoder after it. */
    public static MonMap decode(CephDecoder d) throws ProtocolException {
        int v = d.startStruct(STRUCT_V, "MonMap");
        if (v < MIN_STRUCT_V) {
            throw d.error("MonMap struct_v " + v + " is a pre-Nautilus layout (v" + MIN_STRUCT_V + "+ is decoded)");
        }
        UUID fsid = d.uuid();
        long epoch = d.u32();
        Instant lastChanged = utime(d);
        Instant created = utime(d);
        long persistent = monFeatures(d);
        long optional = monFeatures(d);

        int n = d.count("mon_info", 10); // key length + struct header at least
        Map<String, MonInfo> byName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String key = d.string();
            MonInfo info = MonInfo.decode(d);
            if (!key.equals(info.name())) {
                throw d.error("mon_info key '" + key + "' holds monitor '" + info.name() + "'");
            }
            if (byName.put(key, info) != null) {
                throw d.error("mon_info lists '" + key + "' twice");
            }
        }
        List<String> ranks = d.stringList();
        List<MonInfo> mons = new ArrayList<>(ranks.size());
        for (String name : ranks) {
            MonInfo info = byName.remove(name);
            if (info == null) {
                throw d.error("rank " + mons.size() + " names '" + name + "', not a monitor of this map (or twice)");
            }
            mons.add(info);
        }
        if (!byName.isEmpty()) {
            throw d.error("monitors without a rank: " + new TreeSet<>(byName.keySet()));
        }

        int minMonRelease = v >= 7 ? d.u8() : inferRelease(persistent);
        Set<Integer> removedRanks = Set.of();
        int strategy = ELECTION_CLASSIC;
        Set<String> disallowed = Set.of();
        if (v >= 8) {
            int nr = d.count("removed_ranks", 4);
            removedRanks = new HashSet<>();
            for (int i = 0; i < nr; i++) {
                removedRanks.add(d.s32());
            }
            strategy = d.u8();
            disallowed = new HashSet<>(d.stringList());
        }
        boolean stretch = false;
        String tiebreaker = "";
        Set<String> markedDown = Set.of();
        if (v >= 9) {
            stretch = d.bool();
            tiebreaker = d.string();
            markedDown = new HashSet<>(d.stringList());
        }
        d.finishStruct("MonMap");
        try {
            return new MonMap(fsid, epoch, lastChanged, created, persistent, optional, mons, minMonRelease,
                    removedRanks, strategy, disallowed, stretch, tiebreaker, markedDown);
        } catch (IllegalArgumentException e) {
            // e.g. a utime whose nanoseconds carry past the u32 seconds (found by MonMapFuzzTest)
            throw new ProtocolException("MonMap: " + e.getMessage(), e);
        }
    }

    /**
     * The map as {@code ceph mon dump} prints it ({@code MonMap::print}), one string per line, times in
     * the JVM's zone as Ceph prints them in the local zone:
     * <pre>
     * epoch 1
     * fsid 5d61cf2f-dd45-4db4-b861-446e1c12ef84
     * last_changed 2026-11-22T10:25:36.144262+0000
     * created 2026-11-22T10:25:36.144262+0000
     * min_mon_release 16 (pacific)
     * election_strategy: 1
     * 0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.a
     * </pre>
     */
    public List<String> dumpLines() {
        return dumpLines(ZoneId.systemDefault());
    }

    /** {@link #dumpLines()} with times printed in {@code zone}. */
    public List<String> dumpLines(ZoneId zone) {
        List<String> out = new ArrayList<>();
        out.add("epoch " + epoch);
        out.add("fsid " + fsid);
        out.add("last_changed " + formatUtime(lastChanged, zone));
        out.add("created " + formatUtime(created, zone));
        out.add("min_mon_release " + minMonRelease + " (" + releaseName(minMonRelease) + ")");
        out.add("election_strategy: " + electionStrategy);
        if (stretchModeEnabled) {
            out.add("stretch_mode_enabled 1");
            out.add("tiebreaker_mon " + tiebreakerMon);
        }
        if (stretchModeEnabled || !disallowedLeaders.isEmpty()) {
            out.add("disallowed_leaders " + String.join(",", disallowedLeaders));
        }
        for (int r = 0; r < mons.size(); r++) {
            MonInfo m = mons.get(r);
            StringBuilder line = new StringBuilder().append(r).append(": ").append(m.publicAddrs()).append(" mon.").append(m.name());
            if (!m.crushLoc().isEmpty()) {
                StringBuilder loc = new StringBuilder("{");
                m.crushLoc().forEach((k, val) -> loc.append(loc.length() > 1 ? "," : "").append(k).append('=').append(val));
                line.append("; crush_location ").append(loc).append('}');
            }
            out.add(line.toString());
        }
        return out;
    }

    /** {@code ceph_release_name}: "pacific" for 16, "unknown" outside the known range. */
    public static String releaseName(int release) {
        return release >= 0 && release < RELEASE_NAMES.size() ? RELEASE_NAMES.get(release) : "unknown";
    }

    /** {@code infer_ceph_release_from_mon_features}: what a v6 map (no min_mon_release field) implies. */
    static int inferRelease(long features) {
        long[] bits = {FEATURE_PACIFIC, FEATURE_OCTOPUS, FEATURE_NAUTILUS, FEATURE_MIMIC, FEATURE_LUMINOUS, FEATURE_KRAKEN};
        int[] releases = {16, 15, 14, 13, 12, 11};
        for (int i = 0; i < bits.length; i++) {
            if ((features & bits[i]) != 0) {
                return releases[i];
            }
        }
        return 0;
    }

    private static String formatUtime(Instant t, ZoneId zone) {
        if (t.getEpochSecond() < UTIME_RELATIVE_BELOW) {
            return t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000);
        }
        return UTIME_FORMAT.format(ZonedDateTime.ofInstant(t, zone));
    }

    private static void utime(CephEncoder e, Instant t) {
        e.utime(t.getEpochSecond(), t.getNano());
    }

    private static Instant utime(CephDecoder d) throws ProtocolException {
        long sec = d.u32();
        long nsec = d.u32();
        return Instant.ofEpochSecond(sec, nsec);
    }

    /** {@code mon_feature_t}: {@code ENCODE_START(1, 1)} around a u64. */
    private static void monFeatures(CephEncoder e, long features) {
        e.startStruct(1, 1).u64(features).finishStruct();
    }

    private static long monFeatures(CephDecoder d) throws ProtocolException {
        d.startStruct(1, "mon_feature_t");
        long f = d.u64();
        d.finishStruct("mon_feature_t");
        return f;
    }

    private static SortedSet<String> sortedStrings(Collection<String> in) {
        SortedSet<String> s = new TreeSet<>(StdString.ORDER);
        s.addAll(in);
        return Collections.unmodifiableSortedSet(s);
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " out of u32 range: " + v);
        }
    }

    private static void checkU8(int v, String what) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(what + " out of u8 range: " + v);
        }
    }

    private static void checkUtime(Instant t, String what) {
        Objects.requireNonNull(t, what);
        checkU32(t.getEpochSecond(), what + " seconds");
    }
}
