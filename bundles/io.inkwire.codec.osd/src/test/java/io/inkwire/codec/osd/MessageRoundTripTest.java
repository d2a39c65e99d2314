package io.inkwire.codec.osd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The messages not in the capture encode to the layouts of their headers in {@code src/messages/}
 * (built here field by field) and decode back to themselves.
 */
class MessageRoundTripTest {

    private static final UUID FSID = UUID.fromString("cc79f3ce-7e19-4ee4-8905-0ed31737017a");

    private static byte[] front(RawMessage m) {
        return Captured.copy(m.front());
    }

    @Test
    void watch_notify_layout_and_round_trip() throws Exception {
        NotifyResult result = NotifyResult.of(Map.of(new NotifyResult.Watcher(4100, 7), ByteBuffer.wrap(new byte[] {1})),
                List.of());
        MWatchNotify m = new MWatchNotify(77, 0, 0x10000000aL, MWatchNotify.CEPH_WATCH_EVENT_NOTIFY_COMPLETE,
                ByteBuffer.allocate(0), -110, 4099, result.encode());
        RawMessage raw = new MWatchNotify.Codec().encode(m, 0);
        byte[] expected = new CephEncoder().u8(1).u8(2).u64(77).u64(0).u64(0x10000000aL).u32(0).u32(-110).u64(4099)
                .toByteArray();
        assertArrayEquals(expected, front(raw));
        assertEquals(3, raw.version());
        assertEquals(1, raw.compatVersion());
        assertEquals(result.encode(), raw.data());
        MWatchNotify back = new MWatchNotify.Codec().decode(raw, 0);
        assertEquals(m, back);
        assertEquals(result, NotifyResult.decode(back.data()));

        // a v1 sender has neither return_code nor notifier_gid
        RawMessage v1 = RawMessage.builder(44).version(1).compatVersion(1)
                .front(new CephEncoder().u8(1).u8(1).u64(5).u64(0).u64(9).u32(2).raw(new byte[] {'h', 'i'}).toByteArray())
                .build();
        MWatchNotify old = new MWatchNotify.Codec().decode(v1, 0);
        assertEquals(MWatchNotify.CEPH_WATCH_EVENT_NOTIFY, old.opcode());
        assertEquals(ByteBuffer.wrap(new byte[] {'h', 'i'}), old.payload());
        assertEquals(0, old.returnCode());
        assertEquals(0, old.notifierGid());
    }

    @Test
    void pool_op_layout_and_round_trip() throws Exception {
        MPoolOp create = MPoolOp.create(3, 12, FSID, "mypool", 1);
        RawMessage raw = new MPoolOp.Codec().encode(create, 0);
        byte[] expected = new CephEncoder().u64(12).u16(-1).u64(0).uuid(FSID).u32(0).u32(MPoolOp.POOL_OP_CREATE).u64(0)
                .u64(0).string("mypool").u8(0).u16(1).toByteArray();
        assertArrayEquals(expected, front(raw));
        assertEquals(49, raw.type());
        assertEquals(4, raw.version());
        assertEquals(2, raw.compatVersion());
        assertEquals(3, raw.tid());
        assertEquals(create, new MPoolOp.Codec().decode(raw, 0));
        MPoolOp delete = MPoolOp.delete(4, 12, FSID, 7);
        assertEquals("delete", delete.name());
        assertEquals(delete, new MPoolOp.Codec().decode(new MPoolOp.Codec().encode(delete, 0), 0));

        MPoolOpReply reply = new MPoolOpReply(3, FSID, -17, 13, ByteBuffer.allocate(0));
        RawMessage r = new MPoolOpReply.Codec().encode(reply, 0);
        assertArrayEquals(new CephEncoder().u64(0).u16(-1).u64(0).uuid(FSID).u32(-17).u32(13).u8(0).toByteArray(), front(r));
        assertEquals(reply, new MPoolOpReply.Codec().decode(r, 0));
        MPoolOpReply withData = new MPoolOpReply(5, FSID, 0, 14, ByteBuffer.wrap(new CephEncoder().u64(6).toByteArray()));
        RawMessage rd = new MPoolOpReply.Codec().encode(withData, 0);
        assertEquals(withData, new MPoolOpReply.Codec().decode(rd, 0));
        assertEquals(5, rd.tid());
    }

    @Test
    void backoff_layout_ack_and_round_trip() throws Exception {
        HObject begin = HObject.head(1, "", "a", "", 0x10);
        HObject end = HObject.head(1, "", "z", "", 0x20);
        MOSDBackoff block = new MOSDBackoff(new SpgId(new PgId(1, 3), 2), 9, MOSDBackoff.CEPH_OSD_BACKOFF_OP_BLOCK, 55, begin,
                end);
        RawMessage raw = new MOSDBackoff.Codec().encode(block, 0);
        CephEncoder e = new CephEncoder();
        block.pgid().encode(e);
        e.u32(9).u8(1).u64(55);
        begin.encode(e);
        end.encode(e);
        assertArrayEquals(e.toByteArray(), front(raw));
        assertEquals(24, spgLength(block.pgid()), "spg_t: 6-byte struct header, 17-byte pg_t, shard");
        MOSDBackoff back = new MOSDBackoff.Codec().decode(raw, 0);
        assertEquals(block, back);
        MOSDBackoff ack = back.ackBlock();
        assertEquals(MOSDBackoff.CEPH_OSD_BACKOFF_OP_ACK_BLOCK, ack.op());
        assertEquals(block.id(), ack.id());
        assertEquals(block.begin(), ack.begin());
        assertEquals(63, new MOSDBackoff.Codec().encode(ack, 0).priority(), "acked at the ops' priority");
    }

    private static int spgLength(SpgId s) {
        CephEncoder e = new CephEncoder();
        s.encode(e);
        return e.position();
    }

    @Test
    void op_reply_with_a_redirect_and_outputs() throws Exception {
        RequestRedirect redirect = new RequestRedirect(new ObjectLocator(5, "", "ns", -1), "other");
        List<OsdOp> ops = List.of(OsdOp.read(0, 10).withResult(0, ByteBuffer.wrap("0123456789".getBytes())),
                OsdOp.getXattr("a").withResult(-61, ByteBuffer.allocate(0)),
                OsdOp.stat().withResult(0, new ObjectStat(10, new UTime(3, 4)).encode()));
        MOSDOpReply m = new MOSDOpReply(7, "o", new PgId(5, 2), 0x400015, 0, new EVersion(3, 2), 44, ops, 1,
                new EVersion(3, 2), 3, Optional.of(redirect), BlkinTrace.NONE);
        RawMessage raw = new MOSDOpReply.Codec().encode(m, 0);
        assertEquals(10 + 16, raw.dataLength());
        MOSDOpReply back = new MOSDOpReply.Codec().decode(raw, 0);
        assertEquals(m, back);
        assertEquals(-61, back.ops().get(1).rval());
        assertEquals(new ObjectStat(10, new UTime(3, 4)), ObjectStat.decode(back.ops().get(2).output()));
        assertEquals(redirect, back.redirect().orElseThrow());

        // v7 (no trace) and v6 (redirect always encoded; an empty one means none) as older OSDs sent them
        MOSDOpReply plain = new MOSDOpReply(7, "o", new PgId(5, 2), 0x400015, 0, new EVersion(3, 2), 44, ops, 1,
                new EVersion(3, 2), 3, Optional.empty(), BlkinTrace.NONE);
        byte[] v8 = front(new MOSDOpReply.Codec().encode(plain, 0));
        RawMessage v7 = RawMessage.builder(43).version(7).compatVersion(2).tid(7).front(java.util.Arrays.copyOf(v8, v8.length - 24))
                .data(raw.data()).build();
        assertEquals(plain, new MOSDOpReply.Codec().decode(v7, 0));
        CephEncoder emptyRedirect = new CephEncoder();
        new RequestRedirect(new ObjectLocator(-1, "", "", -1), "").encode(emptyRedirect);
        byte[] v6front = concat(java.util.Arrays.copyOf(v8, v8.length - 25), emptyRedirect.toByteArray());
        MOSDOpReply v6 = new MOSDOpReply.Codec().decode(
                RawMessage.builder(43).version(6).compatVersion(2).tid(7).front(v6front).data(raw.data()).build(), 0);
        assertFalse(v6.redirect().isPresent());
        assertEquals(m.ops(), v6.ops());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void osdmap_with_incrementals_and_gap_snaps() throws Exception {
        TreeMap<Long, ByteBuffer> incs = new TreeMap<>(Map.of(11L, ByteBuffer.wrap(new byte[] {1, 2}), 12L,
                ByteBuffer.wrap(new byte[] {3})));
        MOSDMap m = new MOSDMap(FSID, incs, new TreeMap<>(), 1, 12, new TreeMap<>(Map.of(2L, new TreeMap<>(Map.of(4L, 2L)))));
        RawMessage raw = new MOSDMap.Codec().encode(m, 0);
        byte[] expected = new CephEncoder().uuid(FSID).u32(2).u32(11).u32(2).raw(new byte[] {1, 2}).u32(12).u32(1)
                .raw(new byte[] {3}).u32(0).u32(1).u32(12).u32(1).u64(2).u32(1).u64(4).u64(2).toByteArray();
        assertArrayEquals(expected, front(raw));
        assertEquals(4, raw.version());
        assertEquals(3, raw.compatVersion());
        MOSDMap back = new MOSDMap.Codec().decode(raw, 0);
        assertEquals(m, back);
        assertEquals(11, back.firstEpoch());
        assertEquals(12, back.lastEpoch());
        // a v3 sender stops after newest_map
        RawMessage v3 = RawMessage.builder(41).version(3).compatVersion(3)
                .front(java.util.Arrays.copyOf(expected, expected.length - 24)).build();
        MOSDMap old = new MOSDMap.Codec().decode(v3, 0);
        assertTrue(old.gapRemovedSnaps().isEmpty());
        assertEquals(m.incrementalMaps(), old.incrementalMaps());
    }

    @Test
    void pool_stats_layout_and_round_trip() throws Exception {
        MGetPoolStats ask = new MGetPoolStats(9, FSID, List.of("test", "rbd"));
        RawMessage raw = new MGetPoolStats.Codec().encode(ask, 0);
        assertArrayEquals(new CephEncoder().u64(0).u16(-1).u64(0).uuid(FSID).u32(2).string("test").string("rbd").toByteArray(), front(raw));
        assertEquals(58, raw.type());
        assertEquals(9, raw.tid());
        assertEquals(ask, new MGetPoolStats.Codec().decode(raw, 0));

        PoolStat.StoreStatfs store = new PoolStat.StoreStatfs(0, 0, 0, 8192, 4097, 0, 0, 0, 0, 0);
        PoolStat s = new PoolStat(4097, 2, 0, 2, 0, 0, 0, 5, 8, 3, 5, 0, 0, 3, 3, 1, 1, store, 1);
        // pool_stat_t v7 as src/osd/osd_types.cc writes it, the sum v20 as the raw struct of osd_types.h
        CephEncoder e = new CephEncoder().u64(0).u16(-1).u64(0).uuid(FSID).u32(1).string("test");
        e.startStruct(7, 5).startStruct(2, 2).startStruct(20, 14);
        e.u64(4097).u64(2).u64(0).u64(2).u64(0).u64(0).u64(0).u64(5).u64(8).u64(3).u64(5); // num_bytes .. num_wr_kb
        e.zeros(11 * 8).u64(0);                   // num_scrub_errors .. num_objects_misplaced, num_bytes_hit_set_archive
        e.zeros(5 * 8 + 4 * 4 + 2 * 8);           // num_flush .. num_promote, the four int32 modes, pinned, missing
        e.zeros(3 * 8).u64(0).zeros(2 * 8);       // legacy_snapsets, large_omap, manifest, omap_bytes, omap_keys, repaired
        e.finishStruct().u32(0).finishStruct();   // the sum; no per-category sums
        e.u64(3).u64(3).u32(1).u32(1);
        e.startStruct(1, 1).u64(0).u64(0).u64(0).u64(8192).u64(4097).zeros(5 * 8).finishStruct().u32(1);
        e.finishStruct().bool(true);
        MGetPoolStatsReply reply = new MGetPoolStatsReply(9, FSID, new TreeMap<>(Map.of("test", s)), true);
        RawMessage r = new MGetPoolStatsReply.Codec().encode(reply, 0);
        assertArrayEquals(e.toByteArray(), front(r));
        assertEquals(reply, new MGetPoolStatsReply.Codec().decode(r, 0));
        assertEquals(8192, s.allocatedBytes(true));
        assertEquals(4097, s.allocatedBytes(false));

        // a v1 reply has no per_pool flag
        RawMessage v1 = RawMessage.builder(59).version(1).compatVersion(1).tid(9).front(Captured.copy(r.front())).build();
        assertFalse(new MGetPoolStatsReply.Codec().decode(v1, 0).perPool());

        MStatfs statfs = new MStatfs(10, FSID, java.util.OptionalLong.empty());
        RawMessage sr = new MStatfs.Codec().encode(statfs, 0);
        assertArrayEquals(new CephEncoder().u64(0).u16(-1).u64(0).uuid(FSID).u8(0).toByteArray(), front(sr));
        assertEquals(statfs, new MStatfs.Codec().decode(sr, 0));
        MStatfs forPool = new MStatfs(11, FSID, java.util.OptionalLong.of(3));
        assertEquals(forPool, new MStatfs.Codec().decode(new MStatfs.Codec().encode(forPool, 0), 0));
        MStatfsReply usage = new MStatfsReply(10, FSID, 42, 1 << 20, 4096, (1 << 20) - 4096, 7);
        RawMessage ur = new MStatfsReply.Codec().encode(usage, 0);
        assertArrayEquals(new CephEncoder().uuid(FSID).u64(42).u64(1 << 20).u64(4096).u64((1 << 20) - 4096).u64(7).toByteArray(), front(ur));
        assertEquals(usage, new MStatfsReply.Codec().decode(ur, 0));
    }
}
