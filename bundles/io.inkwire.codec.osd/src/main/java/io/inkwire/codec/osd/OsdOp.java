package io.inkwire.codec.osd;

import static io.inkwire.codec.osd.OsdOpCode.*;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation on an object: a {@code ceph_osd_op} ({@code src/include/rados.h}, packed, 38 bytes:
 * {@code u16 op}, {@code u32 flags}, a 28-byte union read per opcode, {@code u32 payload_len}) with
 * its input payload (carried in MOSDOp's data segment) and, once answered, its return value and output
 * payload (MOSDOpReply's data segment). {@code payload_len} is not kept: it is the input's length in a
 * request and the output's in a reply ({@code OSDOp::merge_osd_op_vector_in_data} /
 * {@code merge_osd_op_vector_out_data}, {@code src/osd/osd_types.cc}).
 *
 * <p>The factories build each op as librados' {@code ObjectOperation} does ({@code src/osdc/Objecter.h}),
 * union fields and input layout included; the union is kept as its 28 bytes, so an op decoded from the
 * wire encodes back unchanged whatever its opcode. Payloads are read-only views, never copied here.
 * Structured outputs are decoded by {@link ObjectStat}, {@link OmapVals}, {@link OmapKeys},
 * {@link XattrMap}, {@link SparseReadResult}, {@link PgNlsResponse}, {@link WatchersResponse},
 * {@link SnapsResponse}, {@link #notifyId()}, and for the {@code lock} class's calls ({@link ClsLock})
 * {@link LockInfo} and {@link ClsLock#lockNames}.
 */
public final class OsdOp {

    /** {@code sizeof(struct ceph_osd_op)}. */
    public static final int ENCODED_LENGTH = 38;
    /** Bytes of the union. */
    public static final int ARGS_LENGTH = 28;

    /** {@code CEPH_OSD_WATCH_OP_*}: the {@code watch.op} byte. Ceph uses odd values for the live ones. */
    public static final int CEPH_OSD_WATCH_OP_UNWATCH = 0;
    public static final int CEPH_OSD_WATCH_OP_LEGACY_WATCH = 1;
    public static final int CEPH_OSD_WATCH_OP_WATCH = 3;
    public static final int CEPH_OSD_WATCH_OP_RECONNECT = 5;
    public static final int CEPH_OSD_WATCH_OP_PING = 7;

    /** {@code CEPH_OSD_CMPXATTR_OP_*}. */
    public static final int CEPH_OSD_CMPXATTR_OP_EQ = 1;
    public static final int CEPH_OSD_CMPXATTR_OP_NE = 2;
    public static final int CEPH_OSD_CMPXATTR_OP_GT = 3;
    public static final int CEPH_OSD_CMPXATTR_OP_GTE = 4;
    public static final int CEPH_OSD_CMPXATTR_OP_LT = 5;
    public static final int CEPH_OSD_CMPXATTR_OP_LTE = 6;
    /** {@code CEPH_OSD_CMPXATTR_MODE_*}: compare as bytes, or as a decimal number held in the xattr. */
    public static final int CEPH_OSD_CMPXATTR_MODE_STRING = 1;
    public static final int CEPH_OSD_CMPXATTR_MODE_U64 = 2;

    /** The notify protocol version librados sends ({@code RADOS_NOTIFY_VER}). */
    public static final int NOTIFY_PROTOCOL_VERSION = 1;
    /** {@code MAX_ERRNO}: a CMPEXT rval of {@code -MAX_ERRNO - n} reports a mismatch at offset n. */
    public static final int MAX_ERRNO = 4095;

    private final int op;
    private final int flags;
    private final byte[] args;
    private final ByteBuffer input;
    private final int rval;
    private final ByteBuffer output;

    /**
     * @param op the opcode ({@link OsdOpCode}), {@code u16}
     * @param flags {@code CEPH_OSD_OP_FLAG_*}
     * @param args the 28-byte union
     * @param input the input payload (request), empty in a reply
     * @param rval the op's return value (reply), 0 in a request
     * @param output the output payload (reply), empty in a request
     */
    public OsdOp(int op, int flags, byte[] args, ByteBuffer input, int rval, ByteBuffer output) {
        if (op < 0 || op > 0xffff) {
            throw new IllegalArgumentException("opcode out of u16 range: " + op);
        }
        if (args.length != ARGS_LENGTH) {
            throw new IllegalArgumentException("ceph_osd_op union is " + ARGS_LENGTH + " bytes, not " + args.length);
        }
        this.op = op;
        this.flags = flags;
        // not clone(): JDK 17's C1 (a crc-only command's JIT) calls into the VM for it, Arrays.copyOf is inline
        this.args = Arrays.copyOf(args, ARGS_LENGTH);
        this.input = OsdWire.view(input);
        this.rval = rval;
        this.output = OsdWire.view(output);
    }

    private OsdOp(int op, Args a, ByteBuffer input) {
        this(op, 0, a.bytes(), input, 0, OsdWire.empty());
    }

    private static OsdOp bare(int op) {
        return new OsdOp(op, new Args(), OsdWire.empty());
    }

    // ------------------------------------------------------------------ data

    /** {@code CEPH_OSD_OP_READ} of {@code length} bytes at {@code offset}; the reply's extent length is what was read. */
    public static OsdOp read(long offset, long length) {
        return new OsdOp(CEPH_OSD_OP_READ, Args.extent(offset, length), OsdWire.empty());
    }

    /** {@code CEPH_OSD_OP_SPARSE_READ}: output is a {@link SparseReadResult}. */
    public static OsdOp sparseRead(long offset, long length) {
        return new OsdOp(CEPH_OSD_OP_SPARSE_READ, Args.extent(offset, length), OsdWire.empty());
    }

    /** {@code CEPH_OSD_OP_WRITE} of {@code data} at {@code offset}. */
    public static OsdOp write(long offset, ByteBuffer data) {
        return new OsdOp(CEPH_OSD_OP_WRITE, Args.extent(offset, data.remaining()), data);
    }

    /** {@code CEPH_OSD_OP_WRITEFULL}: the object becomes {@code data}. */
    public static OsdOp writeFull(ByteBuffer data) {
        return new OsdOp(CEPH_OSD_OP_WRITEFULL, Args.extent(0, data.remaining()), data);
    }

    /** {@code CEPH_OSD_OP_APPEND}. */
    public static OsdOp append(ByteBuffer data) {
        return new OsdOp(CEPH_OSD_OP_APPEND, Args.extent(0, data.remaining()), data);
    }

    /** {@code CEPH_OSD_OP_TRUNCATE} to {@code size} (the extent's offset). */
    public static OsdOp truncate(long size) {
        return new OsdOp(CEPH_OSD_OP_TRUNCATE, Args.extent(size, 0), OsdWire.empty());
    }

    /** {@code CEPH_OSD_OP_ZERO}: {@code length} bytes at {@code offset} become zeros. */
    public static OsdOp zero(long offset, long length) {
        return new OsdOp(CEPH_OSD_OP_ZERO, Args.extent(offset, length), OsdWire.empty());
    }

    /** {@code CEPH_OSD_OP_CREATE}; {@code exclusive} sets {@code CEPH_OSD_OP_FLAG_EXCL} (EEXIST if it exists). */
    public static OsdOp create(boolean exclusive) {
        return bare(CEPH_OSD_OP_CREATE).withFlags(exclusive ? OsdFlags.CEPH_OSD_OP_FLAG_EXCL : 0);
    }

    /** {@code CEPH_OSD_OP_DELETE}. */
    public static OsdOp delete() {
        return bare(CEPH_OSD_OP_DELETE);
    }

    /** {@code CEPH_OSD_OP_STAT}: output is an {@link ObjectStat}. */
    public static OsdOp stat() {
        return bare(CEPH_OSD_OP_STAT);
    }

    /** librados' {@code assert_exists}: a STAT whose output nobody reads; ENOENT fails the whole request. */
    public static OsdOp assertExists() {
        return stat();
    }

    /** {@code CEPH_OSD_OP_ASSERT_VER}: ERANGE if the object's user version is newer, EOVERFLOW if older. */
    public static OsdOp assertVersion(long version) {
        return new OsdOp(CEPH_OSD_OP_ASSERT_VER, new Args().u64(8, version), OsdWire.empty());
    }

    /** {@code CEPH_OSD_OP_CMPEXT}: compares {@code data} with the object at {@code offset}; see {@link #cmpExtMismatchOffset}. */
    public static OsdOp cmpExt(long offset, ByteBuffer data) {
        return new OsdOp(CEPH_OSD_OP_CMPEXT, Args.extent(offset, data.remaining()), data);
    }

    /** {@code CEPH_OSD_OP_ROLLBACK} of the object to self-managed or pool snapshot {@code snapId}. */
    public static OsdOp rollback(long snapId) {
        return new OsdOp(CEPH_OSD_OP_ROLLBACK, new Args().u64(0, snapId), OsdWire.empty());
    }

    /** {@code CEPH_OSD_OP_LIST_SNAPS}: output is a {@link SnapsResponse}; send with snap id {@code CEPH_SNAPDIR}. */
    public static OsdOp listSnaps() {
        return bare(CEPH_OSD_OP_LIST_SNAPS);
    }

    // ------------------------------------------------------------------ xattrs

    /** {@code CEPH_OSD_OP_GETXATTR}: output is the value. */
    public static OsdOp getXattr(String name) {
        return xattr(CEPH_OSD_OP_GETXATTR, name, OsdWire.empty(), 0, 0);
    }

    /** {@code CEPH_OSD_OP_SETXATTR}. */
    public static OsdOp setXattr(String name, ByteBuffer value) {
        return xattr(CEPH_OSD_OP_SETXATTR, name, value, 0, 0);
    }

    /** {@code CEPH_OSD_OP_RMXATTR}. */
    public static OsdOp rmXattr(String name) {
        return xattr(CEPH_OSD_OP_RMXATTR, name, OsdWire.empty(), 0, 0);
    }

    /** {@code CEPH_OSD_OP_GETXATTRS}: output is an {@link XattrMap}. */
    public static OsdOp getXattrs() {
        return bare(CEPH_OSD_OP_GETXATTRS);
    }

    /**
     * {@code CEPH_OSD_OP_CMPXATTR} in string mode: ECANCELED (and nothing of the request applied)
     * unless {@code xattr <cmpOp> value} holds.
     */
    public static OsdOp cmpXattr(String name, int cmpOp, ByteBuffer value) {
        return xattr(CEPH_OSD_OP_CMPXATTR, name, value, cmpOp, CEPH_OSD_CMPXATTR_MODE_STRING);
    }

    /** {@code CEPH_OSD_OP_CMPXATTR} in u64 mode: the xattr is read as a decimal number, {@code value} sent as a u64. */
    public static OsdOp cmpXattr(String name, int cmpOp, long value) {
        ByteBuffer v = OsdWire.encoded(e -> e.u64(value));
        return xattr(CEPH_OSD_OP_CMPXATTR, name, v, cmpOp, CEPH_OSD_CMPXATTR_MODE_U64);
    }

    private static OsdOp xattr(int op, String name, ByteBuffer value, int cmpOp, int cmpMode) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        Args a = new Args().u32(0, n.length).u32(4, value.remaining()).u8(8, cmpOp).u8(9, cmpMode);
        ByteBuffer in = ByteBuffer.allocate(n.length + value.remaining()).put(n).put(value.duplicate()).flip();
        return new OsdOp(op, a, in);
    }

    // ------------------------------------------------------------------ omap

    /**
     * {@code CEPH_OSD_OP_OMAPGETVALS}: up to {@code max} entries after {@code startAfter} whose keys start
     * with {@code prefix} ("" for all); output is {@link OmapVals}.
     */
    public static OsdOp omapGetVals(String startAfter, String prefix, long max) {
        return omapInput(CEPH_OSD_OP_OMAPGETVALS, OsdWire.encoded(e -> e.string(startAfter).u64(max).string(prefix)));
    }

    /** {@code CEPH_OSD_OP_OMAPGETKEYS}: up to {@code max} keys after {@code startAfter}; output is {@link OmapKeys}. */
    public static OsdOp omapGetKeys(String startAfter, long max) {
        return omapInput(CEPH_OSD_OP_OMAPGETKEYS, OsdWire.encoded(e -> e.string(startAfter).u64(max)));
    }

    /** {@code CEPH_OSD_OP_OMAPGETVALSBYKEYS}: output is an {@link XattrMap}-shaped {@code map<string,bufferlist>}. */
    public static OsdOp omapGetValsByKeys(Collection<String> keys) {
        return omapInput(CEPH_OSD_OP_OMAPGETVALSBYKEYS, OsdWire.encoded(e -> OsdWire.stringSet(e, keys)));
    }

    /** {@code CEPH_OSD_OP_OMAPSETVALS}. */
    public static OsdOp omapSetVals(Map<String, ByteBuffer> values) {
        return omapInput(CEPH_OSD_OP_OMAPSETVALS, OsdWire.encoded(e -> OsdWire.blobMap(e, values)));
    }

    /** {@code CEPH_OSD_OP_OMAPRMKEYS}. */
    public static OsdOp omapRmKeys(Collection<String> keys) {
        return omapInput(CEPH_OSD_OP_OMAPRMKEYS, OsdWire.encoded(e -> OsdWire.stringSet(e, keys)));
    }

    /** {@code CEPH_OSD_OP_OMAPRMKEYRANGE}: removes the keys in [{@code begin}, {@code end}). */
    public static OsdOp omapRmKeyRange(String begin, String end) {
        return omapInput(CEPH_OSD_OP_OMAPRMKEYRANGE, OsdWire.encoded(e -> e.string(begin).string(end)));
    }

    /** {@code CEPH_OSD_OP_OMAPCLEAR}. */
    public static OsdOp omapClear() {
        return bare(CEPH_OSD_OP_OMAPCLEAR);
    }

    /** {@code CEPH_OSD_OP_OMAPGETHEADER}: output is the header. */
    public static OsdOp omapGetHeader() {
        return bare(CEPH_OSD_OP_OMAPGETHEADER);
    }

    /** {@code CEPH_OSD_OP_OMAPSETHEADER}. */
    public static OsdOp omapSetHeader(ByteBuffer header) {
        return omapInput(CEPH_OSD_OP_OMAPSETHEADER, header);
    }

    /** Ceph's omap ops put the input's length in the extent (offset 0), as {@code ObjectOperation} does. */
    private static OsdOp omapInput(int op, ByteBuffer in) {
        return new OsdOp(op, Args.extent(0, in.remaining()), in);
    }

    // ------------------------------------------------------------------ classes, listing, watch/notify

    /**
     * {@code CEPH_OSD_OP_CALL} of method {@code method} of object class {@code cls}: union
     * {@code u8 class_len, u8 method_len, u8 argc, u32 indata_len}; input = class + method + {@code input}.
     */
    public static OsdOp call(String cls, String method, ByteBuffer input) {
        byte[] c = cls.getBytes(StandardCharsets.UTF_8);
        byte[] m = method.getBytes(StandardCharsets.UTF_8);
        if (c.length > 0xff || m.length > 0xff) {
            throw new IllegalArgumentException("class and method names are limited to 255 bytes");
        }
        Args a = new Args().u8(0, c.length).u8(1, m.length).u32(3, input.remaining());
        ByteBuffer in = ByteBuffer.allocate(c.length + m.length + input.remaining()).put(c).put(m).put(input.duplicate()).flip();
        return new OsdOp(CEPH_OSD_OP_CALL, a, in);
    }

    /**
     * {@code CEPH_OSD_OP_PGNLS}: lists up to {@code count} objects of the PG the request is sent to, from
     * {@code cursor} ({@link HObject#MIN} to start); union {@code u64 count, u32 start_epoch}, input the
     * encoded cursor. Send with {@code CEPH_OSD_FLAG_PGOP}, an empty object name and a locator carrying
     * the namespace ({@code "\001"} for all, librados' {@code all_nspaces}) and the PG seed as hash, as
     * {@code Objecter::_list_nobjects} / {@code pg_read} do. Output is a {@link PgNlsResponse}; an rval of 1
     * means the PG is done.
     *
     * @param startEpoch 0 on a PG's first request, then the epoch of its first reply
     */
    public static OsdOp pgnls(long count, HObject cursor, long startEpoch) {
        Args a = new Args().u64(0, count).u32(8, OsdWire.u32(startEpoch, "start_epoch"));
        return new OsdOp(CEPH_OSD_OP_PGNLS, a, OsdWire.encoded(cursor::encode));
    }

    /**
     * {@code CEPH_OSD_OP_WATCH}: union {@code u64 cookie, u64 ver (unused), u8 op, u32 gen, u32 timeout}.
     *
     * @param watchOp {@code CEPH_OSD_WATCH_OP_*}
     * @param gen the registration generation (reconnect, ping)
     * @param timeoutSeconds 0 for the OSD's {@code osd_client_watch_timeout}
     */
    public static OsdOp watch(long cookie, int watchOp, long gen, long timeoutSeconds) {
        Args a = new Args().u64(0, cookie).u8(16, watchOp).u32(17, OsdWire.u32(gen, "gen"))
                .u32(21, OsdWire.u32(timeoutSeconds, "timeout"));
        return new OsdOp(CEPH_OSD_OP_WATCH, a, OsdWire.empty());
    }

    /** A new watch ({@code CEPH_OSD_WATCH_OP_WATCH}), as {@code rados watch} sent it (verified against a capture). */
    public static OsdOp watch(long cookie, long timeoutSeconds) {
        return watch(cookie, CEPH_OSD_WATCH_OP_WATCH, 0, timeoutSeconds);
    }

    /** {@code CEPH_OSD_WATCH_OP_UNWATCH}. */
    public static OsdOp unwatch(long cookie) {
        return watch(cookie, CEPH_OSD_WATCH_OP_UNWATCH, 0, 0);
    }

    /** {@code CEPH_OSD_WATCH_OP_PING}: keeps the watch; ENOTCONN when the OSD has dropped it. */
    public static OsdOp ping(long cookie, long gen) {
        return watch(cookie, CEPH_OSD_WATCH_OP_PING, gen, 0);
    }

    /** {@code CEPH_OSD_WATCH_OP_RECONNECT}: re-establishes a watch after a session reset. */
    public static OsdOp reconnect(long cookie, long gen) {
        return watch(cookie, CEPH_OSD_WATCH_OP_RECONNECT, gen, 0);
    }

    /**
     * {@code CEPH_OSD_OP_NOTIFY}: union {@code u64 cookie}; input {@code u32 prot_ver, u32 timeout,
     * bufferlist payload}. The op's output is the notify id ({@link #notifyId()}); the watchers' answers
     * come later in an {@link MWatchNotify} NOTIFY_COMPLETE carrying a {@link NotifyResult}.
     */
    public static OsdOp notify(long cookie, long timeoutSeconds, ByteBuffer payload) {
        ByteBuffer in = OsdWire.encoded(e -> e.u32(NOTIFY_PROTOCOL_VERSION).u32(OsdWire.u32(timeoutSeconds, "timeout")).bytes(payload));
        return new OsdOp(CEPH_OSD_OP_NOTIFY, new Args().u64(0, cookie), in);
    }

    /** {@code CEPH_OSD_OP_NOTIFY_ACK}: input {@code u64 notify_id, u64 cookie, bufferlist reply}. */
    public static OsdOp notifyAck(long notifyId, long cookie, ByteBuffer reply) {
        return new OsdOp(CEPH_OSD_OP_NOTIFY_ACK, new Args(), OsdWire.encoded(e -> e.u64(notifyId).u64(cookie).bytes(reply)));
    }

    /** {@code CEPH_OSD_OP_LIST_WATCHERS}: output is a {@link WatchersResponse}. */
    public static OsdOp listWatchers() {
        return bare(CEPH_OSD_OP_LIST_WATCHERS);
    }

    // ------------------------------------------------------------------ fields

    public int op() {
        return op;
    }

    /** {@code CEPH_OSD_OP_FLAG_*}. */
    public int flags() {
        return flags;
    }

    /** A copy of the 28-byte union. */
    public byte[] args() {
        return Arrays.copyOf(args, ARGS_LENGTH);
    }

    /** The input payload (a fresh read-only view). */
    public ByteBuffer input() {
        return input.duplicate();
    }

    /** The op's return value; the reply's. */
    public int rval() {
        return rval;
    }

    /** The output payload (a fresh read-only view); the reply's. */
    public ByteBuffer output() {
        return output.duplicate();
    }

    public String name() {
        return OsdOpCode.name(op);
    }

    public boolean isWrite() {
        return OsdOpCode.isWrite(op);
    }

    public OsdOp withFlags(int newFlags) {
        return new OsdOp(op, newFlags, args, input, rval, output);
    }

    /** This op as answered: a reply's op carries no input. */
    public OsdOp withResult(int newRval, ByteBuffer newOutput) {
        return new OsdOp(op, flags, args, OsdWire.empty(), newRval, newOutput);
    }

    /** A u64 of the union at byte {@code offset} (0..20). */
    public long argU64(int offset) {
        return le().getLong(offset);
    }

    /** A u32 of the union at byte {@code offset} (0..24). */
    public long argU32(int offset) {
        return le().getInt(offset) & 0xffff_ffffL;
    }

    /** A u8 of the union at byte {@code offset}. */
    public int argU8(int offset) {
        return args[offset] & 0xff;
    }

    /** {@code extent.offset} (READ, WRITE, ZERO, TRUNCATE's new size, CMPEXT…). */
    public long extentOffset() {
        return argU64(0);
    }

    /** {@code extent.length}; in a READ reply, the bytes actually read. */
    public long extentLength() {
        return argU64(8);
    }

    /** {@code watch.op} of a WATCH. */
    public int watchOp() {
        return argU8(16);
    }

    /** The output of a NOTIFY: the id the OSD gave the notification ({@code u64}). */
    public long notifyId() throws MessageDecodeException {
        return notifyId(output);
    }

    /** A NOTIFY's output ({@code u64 notify_id}) on its own. */
    public static long notifyId(ByteBuffer notifyOutput) throws MessageDecodeException {
        return OsdWire.decode(notifyOutput, "notify reply", CephDecoder::u64);
    }

    /**
     * The offset of the first differing byte reported by a CMPEXT rval ({@code -MAX_ERRNO - offset},
     * {@code Objecter.h} {@code CB_ObjectOperation_cmpext}), or −1 when {@code rval} is no mismatch.
     */
    public static long cmpExtMismatchOffset(int rval) {
        return rval <= -MAX_ERRNO ? -(long) MAX_ERRNO - rval : -1;
    }

    // ------------------------------------------------------------------ wire

    /** The 38-byte {@code ceph_osd_op} with {@code payload_len}. */
    void encodeHeader(CephEncoder e, int payloadLen) {
        e.u16(op).u32(flags).raw(args).u32(payloadLen);
    }

    /** A {@code ceph_osd_op} as read, before its payload is cut from the data segment. */
    record Header(int op, int flags, byte[] args, long payloadLen) {

        static Header decode(CephDecoder d) throws ProtocolException {
            return new Header(d.u16(), d.s32(), d.raw(ARGS_LENGTH), d.u32());
        }

        OsdOp request(ByteBuffer in) {
            return new OsdOp(op, flags, args, in, 0, OsdWire.empty());
        }

        OsdOp reply(int rval, ByteBuffer out) {
            return new OsdOp(op, flags, args, OsdWire.empty(), rval, out);
        }
    }

    /**
     * Cuts each op's {@code payload_len} bytes from {@code data}, in op order ({@code
     * OSDOp::split_osd_op_vector_in_data} / {@code _out_data}); bytes after the last payload are
     * ignored, as Ceph does, and a total beyond the segment is refused.
     */
    static List<ByteBuffer> split(ByteBuffer data, List<Header> headers, CephDecoder errors) throws ProtocolException {
        List<ByteBuffer> out = new ArrayList<>(headers.size());
        long at = 0;
        for (int i = 0; i < headers.size(); i++) {
            long len = headers.get(i).payloadLen();
            if (len > data.remaining() - at) {
                throw errors.error("op " + i + " payload_len " + len + " runs past the data segment ("
                        + data.remaining() + " bytes, " + at + " already taken)");
            }
            int from = data.position() + (int) at;
            out.add(data.duplicate().position(from).limit(from + (int) len).slice());
            at += len;
        }
        return out;
    }

    /** The payloads concatenated: the buffer itself when only one is not empty (no copy), else one new buffer. */
    static ByteBuffer concat(List<ByteBuffer> payloads) {
        long total = 0;
        ByteBuffer only = null;
        int nonEmpty = 0;
        for (ByteBuffer p : payloads) {
            if (p.hasRemaining()) {
                nonEmpty++;
                only = p;
                total += p.remaining();
            }
        }
        if (nonEmpty == 0) {
            return OsdWire.empty();
        }
        if (nonEmpty == 1) {
            return only.duplicate();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("op payloads total " + total + " bytes, more than one segment holds");
        }
        ByteBuffer all = ByteBuffer.allocate((int) total);
        payloads.forEach(p -> all.put(p.duplicate()));
        return all.flip();
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(args).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OsdOp x && op == x.op && flags == x.flags && rval == x.rval && Arrays.equals(args, x.args)
                && input.equals(x.input) && output.equals(x.output);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, flags, rval, input, output) * 31 + Arrays.hashCode(args);
    }

    /** As Ceph prints an op, roughly: {@code writefull 0~4096}, payload sizes and rval added. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name());
        if (op == CEPH_OSD_OP_READ || op == CEPH_OSD_OP_WRITE || op == CEPH_OSD_OP_WRITEFULL || op == CEPH_OSD_OP_ZERO
                || op == CEPH_OSD_OP_APPEND || op == CEPH_OSD_OP_SPARSE_READ || op == CEPH_OSD_OP_CMPEXT
                || op == CEPH_OSD_OP_TRUNCATE) {
            s.append(' ').append(Long.toUnsignedString(extentOffset())).append('~').append(Long.toUnsignedString(extentLength()));
        }
        if (flags != 0) {
            s.append(" flags=0x").append(Integer.toHexString(flags));
        }
        if (input.hasRemaining()) {
            s.append(" in=").append(input.remaining()).append('B');
        }
        if (output.hasRemaining()) {
            s.append(" out=").append(output.remaining()).append('B');
        }
        if (rval != 0) {
            s.append(" rval=").append(rval);
        }
        return s.toString();
    }

    /** Builds the union, little-endian, zero where not set. */
    private static final class Args {
        private final ByteBuffer b = ByteBuffer.allocate(ARGS_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

        static Args extent(long offset, long length) {
            return new Args().u64(0, offset).u64(8, length);
        }

        Args u64(int at, long v) {
            b.putLong(at, v);
            return this;
        }

        Args u32(int at, long v) {
            b.putInt(at, (int) v);
            return this;
        }

        Args u8(int at, int v) {
            b.put(at, (byte) v);
            return this;
        }

        byte[] bytes() {
            return b.array();
        }
    }
}
