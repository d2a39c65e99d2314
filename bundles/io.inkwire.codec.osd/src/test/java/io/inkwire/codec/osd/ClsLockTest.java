package io.inkwire.codec.osd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code cls_lock} calls lay out their inputs as {@code src/cls/lock/cls_lock_ops.h} encodes them
 * (built here field by field), and the replies decode from the OSD's layout, legacy addresses included.
 */
class ClsLockTest {

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** What a CALL carries after its class and method names. */
    private static byte[] callInput(OsdOp op, String method) {
        assertEquals(OsdOpCode.CEPH_OSD_OP_CALL, op.op());
        assertEquals(4, op.argU8(0), "class name length");
        assertEquals(method.length(), op.argU8(1), "method name length");
        byte[] in = bytes(op.input());
        String names = new String(in, 0, 4 + method.length(), StandardCharsets.UTF_8);
        assertEquals("lock" + method, names);
        byte[] rest = new byte[in.length - names.length()];
        System.arraycopy(in, names.length(), rest, 0, rest.length);
        assertEquals(rest.length, op.argU32(3), "indata_len");
        return rest;
    }

    @Test
    void lock_is_name_type_cookie_tag_description_duration_flags_in_a_v1_struct() {
        OsdOp op = ClsLock.lock("lk", LockType.SHARED, "c1", "t", "why", new UTime(30, 5), ClsLock.LOCK_FLAG_MAY_RENEW);
        byte[] expected = new CephEncoder().startStruct(1, 1).string("lk").u8(2).string("c1").string("t").string("why")
                .u32(30).u32(5).u8(1).finishStruct().toByteArray();
        assertArrayEquals(expected, callInput(op, "lock"));
        // the struct header: version 1, compat 1, then the body length
        assertEquals(1, expected[0]);
        assertEquals(1, expected[1]);
        assertEquals(expected.length - 6, ByteBuffer.wrap(expected, 2, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void unlock_break_get_info_and_list() {
        assertArrayEquals(new CephEncoder().startStruct(1, 1).string("lk").string("c1").finishStruct().toByteArray(),
                callInput(ClsLock.unlock("lk", "c1"), "unlock"));
        assertArrayEquals(new CephEncoder().startStruct(1, 1).string("lk").u8(8).u64(4147).string("c1").finishStruct().toByteArray(),
                callInput(ClsLock.breakLock("lk", 8, 4147, "c1"), "break_lock"));
        assertArrayEquals(new CephEncoder().startStruct(1, 1).string("lk").finishStruct().toByteArray(),
                callInput(ClsLock.getInfo("lk"), "get_info"));
        assertArrayEquals(new byte[0], callInput(ClsLock.listLocks(), "list_locks"));
    }

    @Test
    void bad_lock_arguments_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> ClsLock.lock("lk", LockType.NONE, "", "", "", UTime.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> ClsLock.lock("lk", LockType.EXCLUSIVE, "", "", "", UTime.ZERO, 256));
        assertThrows(IllegalArgumentException.class, () -> ClsLock.breakLock("lk", 300, 1, ""));
    }

    @Test
    void get_info_reply_with_two_lockers_decodes_and_encodes_back() throws Exception {
        EntityAddr a1 = EntityAddr.of(AddrType.ANY, new InetSocketAddress("127.0.0.1", 0), (int) 2373654727L);
        EntityAddr a2 = EntityAddr.of(AddrType.ANY, new InetSocketAddress("::1", 0), 42);
        CephEncoder e = new CephEncoder().startStruct(1, 1).u32(2);
        e.startStruct(1, 1).u8(8).u64(4147).string("c1").finishStruct();
        e.startStruct(1, 1).u32(1700000000).u32(77000).raw(addr(a1)).string("my desc").finishStruct();
        e.startStruct(1, 1).u8(8).u64(4150).string("c2").finishStruct();
        e.startStruct(1, 1).u32(0).u32(0).raw(addr(a2)).string("").finishStruct();
        e.u8(2).string("tag").finishStruct();
        ByteBuffer wire = e.toByteBuffer();
        LockInfo info = LockInfo.decode(wire);
        assertEquals(LockType.SHARED, info.type());
        assertEquals("tag", info.tag());
        assertEquals(List.of(new LockInfo.Locker(8, 4147, "c1", new UTime(1700000000, 77000), a1, "my desc"),
                new LockInfo.Locker(8, 4150, "c2", UTime.ZERO, a2, "")), info.lockers());
        assertEquals("client.4147", info.lockers().get(0).entity());
        assertEquals("127.0.0.1:0/2373654727", info.lockers().get(0).addr().toString());
        assertEquals(wire, info.encode());
    }

    @Test
    void a_legacy_address_from_an_old_feature_set_decodes_too() throws Exception {
        EntityAddr legacy = EntityAddr.of(AddrType.LEGACY, new InetSocketAddress("10.1.2.3", 6800), 7);
        CephEncoder addr = new CephEncoder();
        EntityAddrCodec.encodeLegacy(addr, legacy);
        CephEncoder e = new CephEncoder().startStruct(1, 1).u32(1);
        e.startStruct(1, 1).u8(8).u64(9).string("").finishStruct();
        e.startStruct(1, 1).u32(0).u32(0).raw(addr.toByteArray()).string("d").finishStruct();
        e.u8(1).string("").finishStruct();
        LockInfo info = LockInfo.decode(e.toByteBuffer());
        assertEquals(LockType.EXCLUSIVE, info.type());
        assertEquals("10.1.2.3", info.lockers().get(0).addr().ip().getHostAddress());
        assertEquals(6800, info.lockers().get(0).addr().port());
    }

    @Test
    void a_lock_nobody_holds_and_the_list_of_locks() throws Exception {
        ByteBuffer none = new CephEncoder().startStruct(1, 1).u32(0).u8(0).string("").finishStruct().toByteBuffer();
        assertEquals(new LockInfo(LockType.NONE, "", List.of()), LockInfo.decode(none));
        ByteBuffer names = new CephEncoder().startStruct(1, 1).u32(2).string("lk1").string("lk2").finishStruct().toByteBuffer();
        assertEquals(List.of("lk1", "lk2"), ClsLock.lockNames(names));
        assertEquals(names, ClsLock.encodeLockNames(List.of("lk1", "lk2")));
    }

    @Test
    void hostile_replies_are_refused_without_allocating() {
        ByteBuffer hugeLockers = new CephEncoder().startStruct(1, 1).u32(0x7fff_ffffL).zeros(40).finishStruct().toByteBuffer();
        MessageDecodeException e = assertThrows(MessageDecodeException.class, () -> LockInfo.decode(hugeLockers));
        assertTrue(e.getMessage().contains("lockers count"), e.getMessage());
        ByteBuffer hugeNames = new CephEncoder().startStruct(1, 1).u32(0x7fff_ffffL).zeros(8).finishStruct().toByteBuffer();
        assertThrows(MessageDecodeException.class, () -> ClsLock.lockNames(hugeNames));
        ByteBuffer badType = new CephEncoder().startStruct(1, 1).u32(0).u8(9).string("").finishStruct().toByteBuffer();
        e = assertThrows(MessageDecodeException.class, () -> LockInfo.decode(badType));
        assertTrue(e.getMessage().contains("unknown lock type 9"), e.getMessage());
        ByteBuffer newer = new CephEncoder().u8(2).u8(2).u32(0).toByteBuffer();
        assertThrows(MessageDecodeException.class, () -> LockInfo.decode(newer), "compat 2 is not understood");
        assertThrows(MessageDecodeException.class, () -> LockInfo.decode(ByteBuffer.allocate(3)));
    }

    private static byte[] addr(EntityAddr a) {
        CephEncoder e = new CephEncoder();
        EntityAddrCodec.encode(e, a);
        return e.toByteArray();
    }
}
