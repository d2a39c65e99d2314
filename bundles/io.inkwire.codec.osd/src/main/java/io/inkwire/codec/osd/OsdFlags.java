package io.inkwire.codec.osd;

/**
 * Flag words of {@code src/include/rados.h}: {@code CEPH_OSD_FLAG_*} of a whole request (MOSDOp's
 * {@code u32 flags}; MOSDOpReply echoes them as {@code s64} with the ack bits replaced) and
 * {@code CEPH_OSD_OP_FLAG_*} of one op.
 *
 * <p>What librados sends (verified against a capture): writes {@code ONDISK|WRITE|KNOWN_REDIR}
 * (0x400024), reads {@code ONDISK|READ|KNOWN_REDIR} (0x400014); a reply to a completed op carries
 * {@code ACK|ONDISK}.
 */
public final class OsdFlags {

    public static final int CEPH_OSD_FLAG_ACK = 0x0001;
    public static final int CEPH_OSD_FLAG_ONNVRAM = 0x0002;
    public static final int CEPH_OSD_FLAG_ONDISK = 0x0004;
    public static final int CEPH_OSD_FLAG_RETRY = 0x0008;
    public static final int CEPH_OSD_FLAG_READ = 0x0010;
    public static final int CEPH_OSD_FLAG_WRITE = 0x0020;
    public static final int CEPH_OSD_FLAG_ORDERSNAP = 0x0040;
    public static final int CEPH_OSD_FLAG_PEERSTAT_OLD = 0x0080;
    public static final int CEPH_OSD_FLAG_BALANCE_READS = 0x0100;
    public static final int CEPH_OSD_FLAG_PARALLELEXEC = 0x0200;
    public static final int CEPH_OSD_FLAG_PGOP = 0x0400;
    public static final int CEPH_OSD_FLAG_EXEC = 0x0800;
    public static final int CEPH_OSD_FLAG_EXEC_PUBLIC = 0x1000;
    public static final int CEPH_OSD_FLAG_LOCALIZE_READS = 0x2000;
    public static final int CEPH_OSD_FLAG_RWORDERED = 0x4000;
    public static final int CEPH_OSD_FLAG_IGNORE_CACHE = 0x8000;
    public static final int CEPH_OSD_FLAG_SKIPRWLOCKS = 0x10000;
    public static final int CEPH_OSD_FLAG_IGNORE_OVERLAY = 0x20000;
    public static final int CEPH_OSD_FLAG_FLUSH = 0x40000;
    public static final int CEPH_OSD_FLAG_MAP_SNAP_CLONE = 0x80000;
    public static final int CEPH_OSD_FLAG_ENFORCE_SNAPC = 0x100000;
    public static final int CEPH_OSD_FLAG_REDIRECTED = 0x200000;
    public static final int CEPH_OSD_FLAG_KNOWN_REDIR = 0x400000;
    public static final int CEPH_OSD_FLAG_FULL_TRY = 0x800000;
    public static final int CEPH_OSD_FLAG_FULL_FORCE = 0x1000000;
    public static final int CEPH_OSD_FLAG_IGNORE_REDIRECT = 0x2000000;
    /** Return per-op rvals and out data of writes too (the OSD drops a write's out data without it). */
    public static final int CEPH_OSD_FLAG_RETURNVEC = 0x4000000;

    /** Fail a create when the object exists. */
    public static final int CEPH_OSD_OP_FLAG_EXCL = 0x1;
    /** Carry on with the following ops when this one fails. */
    public static final int CEPH_OSD_OP_FLAG_FAILOK = 0x2;
    public static final int CEPH_OSD_OP_FLAG_FADVISE_RANDOM = 0x4;
    public static final int CEPH_OSD_OP_FLAG_FADVISE_SEQUENTIAL = 0x8;
    public static final int CEPH_OSD_OP_FLAG_FADVISE_WILLNEED = 0x10;
    public static final int CEPH_OSD_OP_FLAG_FADVISE_DONTNEED = 0x20;
    public static final int CEPH_OSD_OP_FLAG_FADVISE_NOCACHE = 0x40;

    private OsdFlags() {
    }
}
