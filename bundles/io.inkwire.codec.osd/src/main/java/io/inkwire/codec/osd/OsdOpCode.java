package io.inkwire.codec.osd;

import java.util.Map;

/**
 * The {@code u16 op} of a {@code ceph_osd_op}, {@code CEPH_OSD_OP_*} as {@code src/include/rados.h}
 * defines them: mode ({@code RD 0x1000}, {@code WR 0x2000}, {@code RMW 0x3000}, {@code CACHE 0x8000})
 * | type ({@code DATA 0x0200}, {@code ATTR 0x0300}, {@code EXEC 0x0400}, {@code PG 0x0500}) | number.
 * Only the opcodes a client sends are listed. Note that {@link #CEPH_OSD_OP_CALL} carries the RD bit
 * though a class method may write, and that {@link #CEPH_OSD_OP_OMAPRMKEYRANGE} (44) sits after the
 * cache ops in number.
 */
public final class OsdOpCode {

    public static final int CEPH_OSD_OP_MODE = 0xf000;
    public static final int CEPH_OSD_OP_MODE_RD = 0x1000;
    public static final int CEPH_OSD_OP_MODE_WR = 0x2000;
    public static final int CEPH_OSD_OP_MODE_RMW = 0x3000;
    public static final int CEPH_OSD_OP_MODE_SUB = 0x4000;
    public static final int CEPH_OSD_OP_MODE_CACHE = 0x8000;

    public static final int CEPH_OSD_OP_TYPE = 0x0f00;
    public static final int CEPH_OSD_OP_TYPE_DATA = 0x0200;
    public static final int CEPH_OSD_OP_TYPE_ATTR = 0x0300;
    public static final int CEPH_OSD_OP_TYPE_EXEC = 0x0400;
    public static final int CEPH_OSD_OP_TYPE_PG = 0x0500;

    // data, read
    public static final int CEPH_OSD_OP_READ = 0x1201;
    public static final int CEPH_OSD_OP_STAT = 0x1202;
    public static final int CEPH_OSD_OP_MAPEXT = 0x1203;
    public static final int CEPH_OSD_OP_SPARSE_READ = 0x1205;
    public static final int CEPH_OSD_OP_NOTIFY = 0x1206;
    public static final int CEPH_OSD_OP_NOTIFY_ACK = 0x1207;
    public static final int CEPH_OSD_OP_ASSERT_VER = 0x1208;
    public static final int CEPH_OSD_OP_LIST_WATCHERS = 0x1209;
    public static final int CEPH_OSD_OP_LIST_SNAPS = 0x120a;
    public static final int CEPH_OSD_OP_SYNC_READ = 0x120b;
    public static final int CEPH_OSD_OP_CHECKSUM = 0x121f;
    public static final int CEPH_OSD_OP_CMPEXT = 0x1220;
    // data, write
    public static final int CEPH_OSD_OP_WRITE = 0x2201;
    public static final int CEPH_OSD_OP_WRITEFULL = 0x2202;
    public static final int CEPH_OSD_OP_TRUNCATE = 0x2203;
    public static final int CEPH_OSD_OP_ZERO = 0x2204;
    public static final int CEPH_OSD_OP_DELETE = 0x2205;
    public static final int CEPH_OSD_OP_APPEND = 0x2206;
    public static final int CEPH_OSD_OP_CREATE = 0x220d;
    public static final int CEPH_OSD_OP_ROLLBACK = 0x220e;
    public static final int CEPH_OSD_OP_WATCH = 0x220f;
    public static final int CEPH_OSD_OP_SETALLOCHINT = 0x2223;
    public static final int CEPH_OSD_OP_WRITESAME = 0x2226;
    // omap
    public static final int CEPH_OSD_OP_OMAPGETKEYS = 0x1211;
    public static final int CEPH_OSD_OP_OMAPGETVALS = 0x1212;
    public static final int CEPH_OSD_OP_OMAPGETHEADER = 0x1213;
    public static final int CEPH_OSD_OP_OMAPGETVALSBYKEYS = 0x1214;
    public static final int CEPH_OSD_OP_OMAPSETVALS = 0x2215;
    public static final int CEPH_OSD_OP_OMAPSETHEADER = 0x2216;
    public static final int CEPH_OSD_OP_OMAPCLEAR = 0x2217;
    public static final int CEPH_OSD_OP_OMAPRMKEYS = 0x2218;
    public static final int CEPH_OSD_OP_OMAP_CMP = 0x1219;
    public static final int CEPH_OSD_OP_OMAPRMKEYRANGE = 0x222c;
    // attrs
    public static final int CEPH_OSD_OP_GETXATTR = 0x1301;
    public static final int CEPH_OSD_OP_GETXATTRS = 0x1302;
    public static final int CEPH_OSD_OP_CMPXATTR = 0x1303;
    public static final int CEPH_OSD_OP_SETXATTR = 0x2301;
    public static final int CEPH_OSD_OP_SETXATTRS = 0x2302;
    public static final int CEPH_OSD_OP_RESETXATTRS = 0x2303;
    public static final int CEPH_OSD_OP_RMXATTR = 0x2304;
    // exec
    public static final int CEPH_OSD_OP_CALL = 0x1401;
    // pg
    public static final int CEPH_OSD_OP_PGLS = 0x1501;
    public static final int CEPH_OSD_OP_PGLS_FILTER = 0x1502;
    public static final int CEPH_OSD_OP_PGNLS = 0x1505;
    public static final int CEPH_OSD_OP_PGNLS_FILTER = 0x1506;

    /** The names {@code ceph_osd_op_name} prints, from the {@code __CEPH_FORALL_OSD_OPS} table. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(CEPH_OSD_OP_READ, "read"), Map.entry(CEPH_OSD_OP_STAT, "stat"),
            Map.entry(CEPH_OSD_OP_MAPEXT, "mapext"), Map.entry(CEPH_OSD_OP_SPARSE_READ, "sparse-read"),
            Map.entry(CEPH_OSD_OP_NOTIFY, "notify"), Map.entry(CEPH_OSD_OP_NOTIFY_ACK, "notify-ack"),
            Map.entry(CEPH_OSD_OP_ASSERT_VER, "assert-version"), Map.entry(CEPH_OSD_OP_LIST_WATCHERS, "list-watchers"),
            Map.entry(CEPH_OSD_OP_LIST_SNAPS, "list-snaps"), Map.entry(CEPH_OSD_OP_SYNC_READ, "sync_read"),
            Map.entry(CEPH_OSD_OP_CHECKSUM, "checksum"), Map.entry(CEPH_OSD_OP_CMPEXT, "cmpext"),
            Map.entry(CEPH_OSD_OP_WRITE, "write"), Map.entry(CEPH_OSD_OP_WRITEFULL, "writefull"),
            Map.entry(CEPH_OSD_OP_TRUNCATE, "truncate"), Map.entry(CEPH_OSD_OP_ZERO, "zero"),
            Map.entry(CEPH_OSD_OP_DELETE, "delete"), Map.entry(CEPH_OSD_OP_APPEND, "append"),
            Map.entry(CEPH_OSD_OP_CREATE, "create"), Map.entry(CEPH_OSD_OP_ROLLBACK, "rollback"),
            Map.entry(CEPH_OSD_OP_WATCH, "watch"), Map.entry(CEPH_OSD_OP_SETALLOCHINT, "set-alloc-hint"),
            Map.entry(CEPH_OSD_OP_WRITESAME, "write-same"),
            Map.entry(CEPH_OSD_OP_OMAPGETKEYS, "omap-get-keys"), Map.entry(CEPH_OSD_OP_OMAPGETVALS, "omap-get-vals"),
            Map.entry(CEPH_OSD_OP_OMAPGETHEADER, "omap-get-header"),
            Map.entry(CEPH_OSD_OP_OMAPGETVALSBYKEYS, "omap-get-vals-by-keys"),
            Map.entry(CEPH_OSD_OP_OMAPSETVALS, "omap-set-vals"), Map.entry(CEPH_OSD_OP_OMAPSETHEADER, "omap-set-header"),
            Map.entry(CEPH_OSD_OP_OMAPCLEAR, "omap-clear"), Map.entry(CEPH_OSD_OP_OMAPRMKEYS, "omap-rm-keys"),
            Map.entry(CEPH_OSD_OP_OMAP_CMP, "omap-cmp"), Map.entry(CEPH_OSD_OP_OMAPRMKEYRANGE, "omap-rm-key-range"),
            Map.entry(CEPH_OSD_OP_GETXATTR, "getxattr"), Map.entry(CEPH_OSD_OP_GETXATTRS, "getxattrs"),
            Map.entry(CEPH_OSD_OP_CMPXATTR, "cmpxattr"), Map.entry(CEPH_OSD_OP_SETXATTR, "setxattr"),
            Map.entry(CEPH_OSD_OP_SETXATTRS, "setxattrs"), Map.entry(CEPH_OSD_OP_RESETXATTRS, "resetxattrs"),
            Map.entry(CEPH_OSD_OP_RMXATTR, "rmxattr"), Map.entry(CEPH_OSD_OP_CALL, "call"),
            Map.entry(CEPH_OSD_OP_PGLS, "pgls"), Map.entry(CEPH_OSD_OP_PGLS_FILTER, "pgls-filter"),
            Map.entry(CEPH_OSD_OP_PGNLS, "pgnls"), Map.entry(CEPH_OSD_OP_PGNLS_FILTER, "pgnls-filter"));

    private OsdOpCode() {
    }

    /** The op's name as Ceph prints it ({@code "writefull"}), or {@code "???"} for one not listed here. */
    public static String name(int op) {
        return NAMES.getOrDefault(op, "???");
    }

    /** {@code ceph_osd_op_mode_modify}: the op may change the object. */
    public static boolean isWrite(int op) {
        return (op & CEPH_OSD_OP_MODE_WR) != 0;
    }

    /** {@code ceph_osd_op_mode_read}: the op reads; CALL is not counted, whatever its RD bit says. */
    public static boolean isRead(int op) {
        return (op & CEPH_OSD_OP_MODE_RD) != 0 && op != CEPH_OSD_OP_CALL;
    }

    /** {@code ceph_osd_op_type_pg}: a PG-wide op (listing), sent with {@code CEPH_OSD_FLAG_PGOP}. */
    public static boolean isPgOp(int op) {
        return (op & CEPH_OSD_OP_TYPE) == CEPH_OSD_OP_TYPE_PG;
    }
}
