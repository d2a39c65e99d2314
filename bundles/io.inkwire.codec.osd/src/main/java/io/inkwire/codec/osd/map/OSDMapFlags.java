package io.inkwire.codec.osd.map;

/** The cluster-wide {@code CEPH_OSDMAP_*} flags ({@code src/include/rados.h}) and their names. */
public final class OSDMapFlags {

    public static final long NEARFULL = 1L << 0;
    /** Cluster full: writes block (unless FULL_TRY/FULL_FORCE). */
    public static final long FULL = 1L << 1;
    /** Reads paused: clients hold reads until cleared. */
    public static final long PAUSERD = 1L << 2;
    /** Writes paused. */
    public static final long PAUSEWR = 1L << 3;
    public static final long PAUSEREC = 1L << 4;
    public static final long NOUP = 1L << 5;
    public static final long NODOWN = 1L << 6;
    public static final long NOOUT = 1L << 7;
    public static final long NOIN = 1L << 8;
    public static final long NOBACKFILL = 1L << 9;
    public static final long NORECOVER = 1L << 10;
    public static final long NOSCRUB = 1L << 11;
    public static final long NODEEP_SCRUB = 1L << 12;
    public static final long NOTIERAGENT = 1L << 13;
    public static final long NOREBALANCE = 1L << 14;
    public static final long SORTBITWISE = 1L << 15;
    public static final long REQUIRE_JEWEL = 1L << 16;
    public static final long REQUIRE_KRAKEN = 1L << 17;
    public static final long REQUIRE_LUMINOUS = 1L << 18;
    public static final long RECOVERY_DELETES = 1L << 19;
    public static final long PURGED_SNAPDIRS = 1L << 20;
    public static final long NOSNAPTRIM = 1L << 21;
    public static final long PGLOG_HARDLIMIT = 1L << 22;

    /** {@code OSDMap::get_flag_string}'s order (not bit order: norebalance and nosnaptrim move). */
    private static final long[] ORDER = {NEARFULL, FULL, PAUSERD, PAUSEWR, PAUSEREC, NOUP, NODOWN, NOOUT, NOIN,
            NOBACKFILL, NOREBALANCE, NORECOVER, NOSCRUB, NODEEP_SCRUB, NOTIERAGENT, NOSNAPTRIM, SORTBITWISE,
            REQUIRE_JEWEL, REQUIRE_KRAKEN, REQUIRE_LUMINOUS, RECOVERY_DELETES, PURGED_SNAPDIRS, PGLOG_HARDLIMIT};
    private static final String[] NAMES = {"nearfull", "full", "pauserd", "pausewr", "pauserec", "noup", "nodown",
            "noout", "noin", "nobackfill", "norebalance", "norecover", "noscrub", "nodeep-scrub", "notieragent",
            "nosnaptrim", "sortbitwise", "require_jewel_osds", "require_kraken_osds", "require_luminous_osds",
            "recovery_deletes", "purged_snapdirs", "pglog_hardlimit"};

    private OSDMapFlags() {
    }

    /** The flags as {@code ceph osd dump} prints them: known names, comma-separated, unknown bits omitted. */
    public static String toString(long flags) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < ORDER.length; i++) {
            if ((flags & ORDER[i]) != 0) {
                if (s.length() > 0) {
                    s.append(',');
                }
                s.append(NAMES[i]);
            }
        }
        return s.toString();
    }
}
