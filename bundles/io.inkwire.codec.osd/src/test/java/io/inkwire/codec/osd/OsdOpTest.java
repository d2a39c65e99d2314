package io.inkwire.codec.osd;

import static io.inkwire.codec.osd.OsdOpCode.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each factory lays out the union and the input as librados' ObjectOperation does. */
class OsdOpTest {

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer bytes(CephEncoder e) {
        return ByteBuffer.wrap(e.toByteArray());
    }

    /** The 28-byte union with little-endian fields put at offsets. */
    private static byte[] union(Object... offsetValuePairs) {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < offsetValuePairs.length; i += 2) {
            int at = (Integer) offsetValuePairs[i];
            Object v = offsetValuePairs[i + 1];
            if (v instanceof Long l) {
                b.putLong(at, l);
            } else if (v instanceof Integer n) {
                b.putInt(at, n);
            } else {
                b.put(at, (Byte) v);
            }
        }
        return b.array();
    }

    @Test
    void opcodes_are_rados_h_mode_type_number() {
        // __CEPH_OSD_OP(mode, type, nr) for the ops a client sends; CALL, RMXATTR and GETXATTRS included
        int rd = 0x1000;
        int wr = 0x2000;
        int data = 0x200;
        int attr = 0x300;
        Object[][] table = {
            {CEPH_OSD_OP_READ, rd | data | 1, "read"}, {CEPH_OSD_OP_STAT, rd | data | 2, "stat"},
            {CEPH_OSD_OP_SPARSE_READ, rd | data | 5, "sparse-read"}, {CEPH_OSD_OP_NOTIFY, rd | data | 6, "notify"},
            {CEPH_OSD_OP_NOTIFY_ACK, rd | data | 7, "notify-ack"}, {CEPH_OSD_OP_ASSERT_VER, rd | data | 8, "assert-version"},
            {CEPH_OSD_OP_LIST_WATCHERS, rd | data | 9, "list-watchers"}, {CEPH_OSD_OP_LIST_SNAPS, rd | data | 10, "list-snaps"},
            {CEPH_OSD_OP_CMPEXT, rd | data | 32, "cmpext"},
            {CEPH_OSD_OP_WRITE, wr | data | 1, "write"}, {CEPH_OSD_OP_WRITEFULL, wr | data | 2, "writefull"},
            {CEPH_OSD_OP_TRUNCATE, wr | data | 3, "truncate"}, {CEPH_OSD_OP_ZERO, wr | data | 4, "zero"},
            {CEPH_OSD_OP_DELETE, wr | data | 5, "delete"}, {CEPH_OSD_OP_APPEND, wr | data | 6, "append"},
            {CEPH_OSD_OP_CREATE, wr | data | 13, "create"}, {CEPH_OSD_OP_ROLLBACK, wr | data | 14, "rollback"},
            {CEPH_OSD_OP_WATCH, wr | data | 15, "watch"},
            {CEPH_OSD_OP_OMAPGETKEYS, rd | data | 17, "omap-get-keys"}, {CEPH_OSD_OP_OMAPGETVALS, rd | data | 18, "omap-get-vals"},
            {CEPH_OSD_OP_OMAPGETHEADER, rd | data | 19, "omap-get-header"},
            {CEPH_OSD_OP_OMAPGETVALSBYKEYS, rd | data | 20, "omap-get-vals-by-keys"},
            {CEPH_OSD_OP_OMAPSETVALS, wr | data | 21, "omap-set-vals"}, {CEPH_OSD_OP_OMAPSETHEADER, wr | data | 22, "omap-set-header"},
            {CEPH_OSD_OP_OMAPCLEAR, wr | data | 23, "omap-clear"}, {CEPH_OSD_OP_OMAPRMKEYS, wr | data | 24, "omap-rm-keys"},
            {CEPH_OSD_OP_OMAPRMKEYRANGE, wr | data | 44, "omap-rm-key-range"},
            {CEPH_OSD_OP_GETXATTR, rd | attr | 1, "getxattr"}, {CEPH_OSD_OP_GETXATTRS, rd | attr | 2, "getxattrs"},
            {CEPH_OSD_OP_CMPXATTR, rd | attr | 3, "cmpxattr"}, {CEPH_OSD_OP_SETXATTR, wr | attr | 1, "setxattr"},
            {CEPH_OSD_OP_RMXATTR, wr | attr | 4, "rmxattr"},
            {CEPH_OSD_OP_CALL, rd | 0x400 | 1, "call"}, {CEPH_OSD_OP_PGNLS, rd | 0x500 | 5, "pgnls"},
        };
        for (Object[] row : table) {
            assertEquals((int) row[1], (int) row[0], (String) row[2]);
            assertEquals(row[2], OsdOpCode.name((int) row[0]));
        }
        assertEquals(0x1401, CEPH_OSD_OP_CALL);
        assertEquals(0x2304, CEPH_OSD_OP_RMXATTR);
        assertEquals(0x1302, CEPH_OSD_OP_GETXATTRS);
        assertFalse(OsdOpCode.isRead(CEPH_OSD_OP_CALL), "ceph_osd_op_mode_read special-cases CALL");
        assertTrue(OsdOpCode.isWrite(CEPH_OSD_OP_OMAPRMKEYRANGE));
        assertTrue(OsdOpCode.isPgOp(CEPH_OSD_OP_PGNLS));
        assertEquals("???", OsdOpCode.name(0x1fff));
    }

    @Test
    void extent_ops() {
        ByteBuffer data = utf8("hello");
        assertArrayEquals(union(0, 7L, 8, 9L), OsdOp.read(7, 9).args());
        assertArrayEquals(union(0, 7L, 8, 9L), OsdOp.sparseRead(7, 9).args());
        assertArrayEquals(union(0, 100L, 8, 5L), OsdOp.write(100, data).args());
        assertEquals(data, OsdOp.write(100, data).input());
        assertArrayEquals(union(0, 0L, 8, 5L), OsdOp.writeFull(data).args());
        assertArrayEquals(union(0, 0L, 8, 5L), OsdOp.append(data).args());
        assertArrayEquals(union(0, 12345L), OsdOp.truncate(12345).args(), "TRUNCATE's new size is the extent offset");
        assertArrayEquals(union(0, 3L, 8, 4L), OsdOp.zero(3, 4).args());
        assertArrayEquals(union(0, 8L, 8, 5L), OsdOp.cmpExt(8, data).args());
        assertEquals(data, OsdOp.cmpExt(8, data).input());
        assertEquals(CEPH_OSD_OP_CMPEXT, OsdOp.cmpExt(8, data).op());
    }

    @Test
    void simple_ops_and_flags() {
        assertEquals(OsdFlags.CEPH_OSD_OP_FLAG_EXCL, OsdOp.create(true).flags());
        assertEquals(0, OsdOp.create(false).flags());
        assertArrayEquals(new byte[28], OsdOp.create(true).args());
        assertEquals(CEPH_OSD_OP_STAT, OsdOp.assertExists().op(), "librados' assert_exists is a STAT");
        assertArrayEquals(union(8, 42L), OsdOp.assertVersion(42).args(), "the OSD reads op.watch.ver / assert_ver.ver at 8");
        assertArrayEquals(union(0, 77L), OsdOp.rollback(77).args());
        assertEquals(OsdFlags.CEPH_OSD_OP_FLAG_FAILOK, OsdOp.stat().withFlags(OsdFlags.CEPH_OSD_OP_FLAG_FAILOK).flags());
        for (OsdOp op : List.of(OsdOp.delete(), OsdOp.stat(), OsdOp.getXattrs(), OsdOp.omapClear(), OsdOp.omapGetHeader(),
                OsdOp.listWatchers(), OsdOp.listSnaps())) {
            assertArrayEquals(new byte[28], op.args(), op.name());
            assertFalse(op.input().hasRemaining(), op.name());
        }
    }

    @Test
    void xattr_ops_put_name_then_value() {
        OsdOp set = OsdOp.setXattr("user.k", utf8("value"));
        assertEquals(CEPH_OSD_OP_SETXATTR, set.op());
        assertArrayEquals(union(0, 6, 4, 5), set.args());
        assertEquals(utf8("user.kvalue"), set.input());
        assertArrayEquals(union(0, 6), OsdOp.getXattr("user.k").args());
        assertEquals(utf8("user.k"), OsdOp.getXattr("user.k").input());
        assertEquals(utf8("user.k"), OsdOp.rmXattr("user.k").input());
        assertEquals(CEPH_OSD_OP_RMXATTR, OsdOp.rmXattr("user.k").op());

        OsdOp cmp = OsdOp.cmpXattr("a", OsdOp.CEPH_OSD_CMPXATTR_OP_EQ, utf8("xyz"));
        assertArrayEquals(union(0, 1, 4, 3, 8, (byte) 1, 9, (byte) 1), cmp.args());
        assertEquals(utf8("axyz"), cmp.input());
        OsdOp cmp64 = OsdOp.cmpXattr("a", OsdOp.CEPH_OSD_CMPXATTR_OP_GT, 0x0102030405060708L);
        assertArrayEquals(union(0, 1, 4, 8, 8, (byte) 3, 9, (byte) 2), cmp64.args());
        assertEquals(bytes(new CephEncoder().raw("a".getBytes(StandardCharsets.UTF_8)).u64(0x0102030405060708L)), cmp64.input(),
                "u64 mode: the OSD decodes a u64 after the name");
    }

    @Test
    void omap_ops_encode_their_arguments_and_put_the_length_in_the_extent() {
        OsdOp vals = OsdOp.omapGetVals("after", "pre", 10);
        ByteBuffer in = bytes(new CephEncoder().string("after").u64(10).string("pre"));
        assertEquals(in, vals.input());
        assertArrayEquals(union(8, (long) in.remaining()), vals.args());

        ByteBuffer keysIn = bytes(new CephEncoder().string("").u64(1000));
        assertEquals(keysIn, OsdOp.omapGetKeys("", 1000).input());
        assertArrayEquals(union(8, (long) keysIn.remaining()), OsdOp.omapGetKeys("", 1000).args());

        // std::set<std::string> sorts by bytes: "B" < "a" < "b"
        ByteBuffer set = bytes(new CephEncoder().u32(3).string("B").string("a").string("b"));
        assertEquals(set, OsdOp.omapGetValsByKeys(List.of("b", "a", "B")).input());
        assertEquals(set, OsdOp.omapRmKeys(Set.of("a", "b", "B")).input());
        assertEquals(CEPH_OSD_OP_OMAPRMKEYS, OsdOp.omapRmKeys(Set.of("a")).op());

        Map<String, ByteBuffer> m = new TreeMap<>(Map.of("k2", utf8("v2"), "k1", utf8("")));
        ByteBuffer mapIn = bytes(new CephEncoder().u32(2).string("k1").u32(0).string("k2").u32(2).raw("v2".getBytes()));
        OsdOp setVals = OsdOp.omapSetVals(m);
        assertEquals(mapIn, setVals.input());
        assertArrayEquals(union(8, (long) mapIn.remaining()), setVals.args());

        OsdOp range = OsdOp.omapRmKeyRange("a", "m");
        assertEquals(CEPH_OSD_OP_OMAPRMKEYRANGE, range.op());
        assertEquals(bytes(new CephEncoder().string("a").string("m")), range.input());
        assertEquals(utf8("hdr"), OsdOp.omapSetHeader(utf8("hdr")).input());
        assertArrayEquals(union(8, 3L), OsdOp.omapSetHeader(utf8("hdr")).args());
    }

    @Test
    void call_puts_class_method_and_input_after_each_other() {
        OsdOp call = OsdOp.call("lock", "get_info", utf8("IN"));
        assertEquals(0x1401, call.op());
        assertArrayEquals(union(0, (byte) 4, 1, (byte) 8, 3, 2), call.args());
        assertEquals(utf8("lockget_infoIN"), call.input());
        assertThrows(IllegalArgumentException.class, () -> OsdOp.call("x".repeat(256), "m", ByteBuffer.allocate(0)));
    }

    @Test
    void watch_notify_ops() throws Exception {
        OsdOp ping = OsdOp.ping(0x1122334455667788L, 9);
        assertArrayEquals(union(0, 0x1122334455667788L, 16, (byte) 7, 17, 9), ping.args());
        assertArrayEquals(union(0, 5L, 16, (byte) 3, 21, 30), OsdOp.watch(5, 30).args());
        assertArrayEquals(union(0, 5L, 16, (byte) 5, 17, 2), OsdOp.reconnect(5, 2).args());
        assertArrayEquals(union(0, 5L), OsdOp.unwatch(5).args());

        OsdOp notify = OsdOp.notify(77, 15, utf8("msg"));
        assertArrayEquals(union(0, 77L), notify.args());
        assertEquals(bytes(new CephEncoder().u32(1).u32(15).u32(3).raw("msg".getBytes())), notify.input());
        OsdOp ack = OsdOp.notifyAck(1000, 77, utf8("re"));
        assertEquals(bytes(new CephEncoder().u64(1000).u64(77).u32(2).raw("re".getBytes())), ack.input());

        OsdOp answered = notify.withResult(0, bytes(new CephEncoder().u64(0xabcdefL)));
        assertEquals(0xabcdefL, answered.notifyId());
        assertFalse(answered.input().hasRemaining());
    }

    @Test
    void pgnls_carries_count_epoch_and_the_cursor() throws Exception {
        OsdOp ls = OsdOp.pgnls(1024, HObject.MIN, 0);
        assertArrayEquals(union(0, 1024L), ls.args());
        CephEncoder cursor = new CephEncoder();
        HObject.MIN.encode(cursor);
        assertEquals(bytes(cursor), ls.input());
        // hobject_t(): ENCODE_START(4,3), key "", oid "", snap 0, hash 0, max false, nspace "", pool INT64_MIN
        byte[] min = new byte[6 + 33];
        min[0] = 4;
        min[1] = 3;
        min[2] = 33;
        min[38] = (byte) 0x80;
        assertArrayEquals(min, cursor.toByteArray());
        assertArrayEquals(union(0, 10L, 8, 33), OsdOp.pgnls(10, HObject.MAX, 33).args());

        MOSDOp m = MOSDOp.forPg(4, SpgId.of(new PgId(2, 0xb)), 30, OsdFlags.CEPH_OSD_FLAG_READ, ObjectLocator.ALL_NSPACES,
                List.of(ls), 0);
        assertEquals("", m.oid());
        assertEquals(0xb, m.hash());
        assertEquals(new ObjectLocator(2, "", "\u0001", 0xb), m.locator());
        assertEquals(OsdFlags.CEPH_OSD_FLAG_READ | OsdFlags.CEPH_OSD_FLAG_PGOP, m.flags());
        byte[] front = Captured.copy(new MOSDOp.Codec().encode(m, 0).front());
        // the locator follows spgid 24, hash 4, epoch 4, flags 4, reqid 27, trace 24, client_inc 4, mtime 8
        int at = 24 + 4 + 4 + 4 + 27 + 24 + 4 + 8;
        assertEquals(6, front[at], "locator struct_v");
        assertEquals(6, front[at + 1], "compat 6: a hash is given, older decoders must not ignore it");
        assertEquals(m, new MOSDOp.Codec().decode(new MOSDOp.Codec().encode(m, 0), 0));
    }

    @Test
    void cmpext_mismatch_offsets() {
        assertEquals(-1, OsdOp.cmpExtMismatchOffset(0));
        assertEquals(-1, OsdOp.cmpExtMismatchOffset(-125));
        assertEquals(0, OsdOp.cmpExtMismatchOffset(-4095));
        assertEquals(17, OsdOp.cmpExtMismatchOffset(-4095 - 17));
    }

    @Test
    void a_compound_request_concatenates_the_inputs_and_splits_them_back() throws Exception {
        List<OsdOp> ops = List.of(OsdOp.cmpXattr("ver", OsdOp.CEPH_OSD_CMPXATTR_OP_EQ, utf8("1")), OsdOp.write(0, utf8("abc")),
                OsdOp.stat(), OsdOp.setXattr("ver", utf8("2")), OsdOp.omapSetVals(Map.of("k", utf8("v"))));
        MOSDOp m = MOSDOp.of(9, SpgId.of(new PgId(3, 0x1f)), 0x12345678, 20,
                OsdFlags.CEPH_OSD_FLAG_WRITE | OsdFlags.CEPH_OSD_FLAG_ONDISK, new UTime(1, 2),
                new ObjectLocator(3, "", "ns", -1), "o", ops, 1);
        RawMessage raw = new MOSDOp.Codec().encode(m, 0);
        byte[] expected = ("ver1" + "abc" + "ver2").getBytes(StandardCharsets.UTF_8);
        ByteBuffer omap = ops.get(4).input();
        ByteBuffer all = ByteBuffer.allocate(expected.length + omap.remaining()).put(expected).put(omap).flip();
        assertEquals(all, raw.data());
        MOSDOp back = new MOSDOp.Codec().decode(raw, 0);
        assertEquals(m, back);
        assertEquals(ops, back.ops());
    }

    @Test
    void one_payload_is_sent_without_a_copy() {
        ByteBuffer big = ByteBuffer.allocateDirect(1 << 20);
        MOSDOp m = MOSDOp.of(1, SpgId.of(new PgId(1, 0)), 0, 1, OsdFlags.CEPH_OSD_FLAG_WRITE, UTime.ZERO, ObjectLocator.of(1),
                "o", List.of(OsdOp.create(false), OsdOp.writeFull(big)), 0);
        ByteBuffer data = m.data();
        assertTrue(data.isDirect(), "the caller's buffer itself, not a heap copy");
        assertEquals(1 << 20, data.remaining());
    }

    @Test
    void retry_and_retarget() {
        MOSDOp m = MOSDOp.of(5, SpgId.of(new PgId(1, 1)), 1, 3, OsdFlags.CEPH_OSD_FLAG_READ, UTime.ZERO, ObjectLocator.of(1), "o",
                List.of(OsdOp.stat()), 0);
        MOSDOp again = m.withRetryAttempt(2).withTarget(SpgId.of(new PgId(1, 5)), 7);
        assertEquals(2, again.retryAttempt());
        assertEquals(OsdFlags.CEPH_OSD_FLAG_READ | OsdFlags.CEPH_OSD_FLAG_RETRY, again.flags());
        assertEquals(7, again.osdmapEpoch());
        assertEquals(5, again.tid(), "a resend keeps the tid: the OSD's duplicate detection keys on it");
        assertEquals(OsdFlags.CEPH_OSD_FLAG_READ, again.withRetryAttempt(0).flags());
    }
}
