package io.inkwire.codec.osd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The snapshot side of the pool-op messages and MOSDOp: the snap pool ops encode as
 * {@code src/messages/MPoolOp.h} lays them out, a reply's self-managed snap id is one u64 and
 * nothing else, and an MOSDOp carries a read snap and a write snap context through a round trip.
 */
class PoolSnapCodecTest {

    private static final UUID FSID = UUID.fromString("cc79f3ce-7e19-4ee4-8905-0ed31737017a");

    private static byte[] front(RawMessage m) {
        return Captured.copy(m.front());
    }

    private static byte[] poolOpFront(long epoch, long pool, int op, long snapId, String name) {
        return new CephEncoder().u64(epoch).u16(-1).u64(0).uuid(FSID).u32(pool).u32(op).u64(0).u64(snapId).string(name).u8(0)
                .u16(0).toByteArray();
    }

    @Test
    void snap_pool_ops_encode_as_the_objecter_sends_them_and_decode_back() throws Exception {
        MPoolOp.Codec codec = new MPoolOp.Codec();
        MPoolOp mk = MPoolOp.createSnap(21, 40, FSID, 3, "s1");
        assertArrayEquals(poolOpFront(40, 3, MPoolOp.POOL_OP_CREATE_SNAP, 0, "s1"), front(codec.encode(mk, 0)));
        assertEquals(0x11, MPoolOp.POOL_OP_CREATE_SNAP);
        MPoolOp rm = MPoolOp.deleteSnap(22, 41, FSID, 3, "s1");
        assertArrayEquals(poolOpFront(41, 3, MPoolOp.POOL_OP_DELETE_SNAP, 0, "s1"), front(codec.encode(rm, 0)));
        MPoolOp alloc = MPoolOp.createUnmanagedSnap(23, 42, FSID, 4);
        assertArrayEquals(poolOpFront(42, 4, MPoolOp.POOL_OP_CREATE_UNMANAGED_SNAP, 0, ""), front(codec.encode(alloc, 0)));
        MPoolOp free = MPoolOp.deleteUnmanagedSnap(24, 43, FSID, 4, 0x1_0000_0007L);
        assertArrayEquals(poolOpFront(43, 4, MPoolOp.POOL_OP_DELETE_UNMANAGED_SNAP, 0x1_0000_0007L, ""),
                front(codec.encode(free, 0)));
        for (MPoolOp m : List.of(mk, rm, alloc, free)) {
            RawMessage raw = codec.encode(m, 0);
            assertEquals(m.tid(), raw.tid());
            assertEquals(m, codec.decode(raw, 0));
        }
    }

    @Test
    void a_reply_carries_the_new_snap_id_as_one_u64() throws Exception {
        ByteBuffer data = ByteBuffer.wrap(new CephEncoder().u64(0x0102_0304_0506_0708L).toByteArray());
        MPoolOpReply r = new MPoolOpReply(9, FSID, 0, 77, data);
        MPoolOpReply back = new MPoolOpReply.Codec().decode(new MPoolOpReply.Codec().encode(r, 0), 0);
        assertEquals(0x0102_0304_0506_0708L, back.snapId());
        assertEquals(77, back.epoch());
        assertEquals(data, back.responseData(), "reading the id leaves the data as it was");
    }

    @Test
    void reply_data_that_is_not_one_u64_is_refused() {
        for (int n : new int[] {0, 1, 7, 9, 16}) {
            MPoolOpReply r = new MPoolOpReply(9, FSID, 0, 77, ByteBuffer.allocate(n));
            MessageDecodeException e = assertThrows(MessageDecodeException.class, r::snapId);
            assertTrue(e.getMessage().contains(n + " bytes"), e.getMessage());
        }
    }

    @Test
    void a_reply_whose_data_length_runs_past_the_front_is_refused_without_allocating_it() {
        byte[] front = new CephEncoder().u64(0).u16(-1).u64(0).uuid(FSID).u32(0).u32(5).u8(1).u32(0x7fff_fff0).u64(1)
                .toByteArray();
        RawMessage raw = RawMessage.builder(MPoolOpReply.CEPH_MSG_POOLOP_REPLY).version(1).compatVersion(1).front(front).build();
        assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(MessageDecodeException.class, () -> new MPoolOpReply.Codec().decode(raw, 0)));
    }

    @Test
    void an_osd_op_carries_its_read_snap_and_write_snap_context() throws Exception {
        MOSDOp head = MOSDOp.of(5, SpgId.of(new PgId(1, 1)), 1, 3, OsdFlags.CEPH_OSD_FLAG_WRITE, UTime.ZERO,
                ObjectLocator.of(1), "o", List.of(OsdOp.writeFull(ByteBuffer.wrap(new byte[] {1}))), 0);
        MOSDOp snapped = head.withSnaps(HObject.NOSNAP, 9, List.of(9L, 4L, 2L)).withRetryAttempt(1);
        MOSDOp back = new MOSDOp.Codec().decode(new MOSDOp.Codec().encode(snapped, 0), 0);
        assertEquals(HObject.NOSNAP, back.snapId());
        assertEquals(9, back.snapSeq());
        assertEquals(List.of(9L, 4L, 2L), back.snaps());
        assertEquals(1, back.retryAttempt(), "a resend keeps the snap context");

        MOSDOp read = MOSDOp.of(6, SpgId.of(new PgId(1, 1)), 1, 3, OsdFlags.CEPH_OSD_FLAG_READ, UTime.ZERO, ObjectLocator.of(1),
                "o", List.of(OsdOp.listSnaps()), 0).withSnaps(-1L, 0, List.of());
        MOSDOp r = new MOSDOp.Codec().decode(new MOSDOp.Codec().encode(read, 0), 0);
        assertEquals(-1L, r.snapId(), "CEPH_SNAPDIR");
        assertEquals(List.of(), r.snaps());
    }

    @Test
    void a_snap_context_with_a_huge_count_is_refused() throws Exception {
        MOSDOp m = MOSDOp.of(5, SpgId.of(new PgId(1, 1)), 1, 3, OsdFlags.CEPH_OSD_FLAG_READ, UTime.ZERO, ObjectLocator.of(1), "o",
                List.of(OsdOp.stat()), 0).withSnaps(7, 7, List.of(7L));
        RawMessage raw = new MOSDOp.Codec().encode(m, 0);
        byte[] f = front(raw);
        // snaps' count sits after snapid and snap_seq: 4 (count) + 8 (snap 7) + 4 (retry) + 8 (features) from the end
        int at = f.length - 24;
        ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at, 0x4000_0000);
        RawMessage bad = RawMessage.builder(raw.type()).version(raw.version()).compatVersion(raw.compatVersion()).front(f).build();
        assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(MessageDecodeException.class, () -> new MOSDOp.Codec().decode(bad, 0)));
    }
}
