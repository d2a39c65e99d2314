package io.inkwire.codec.osd;

import static io.inkwire.codec.osd.OsdFlags.*;
import static io.inkwire.codec.osd.OsdOpCode.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every MOSDMap, MOSDOp and MOSDOpReply of the captured {@code rados put/get/stat/rm/watch} session
 * (Ceph 16.2.15) decodes to the values the reference and the run's outputs give, and encodes back to the
 * captured front and data segments byte for byte.
 */
class CapturedMessagesTest {

    private static final long CLIENT_FEATURES = 0x3f01cfbdfffdffffL;
    private static final Map<Integer, MessageCodec<?>> CODECS = Map.of(
            41, new MOSDMap.Codec(), 42, new MOSDOp.Codec(), 43, new MOSDOpReply.Codec());

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RawMessage reencode(CephMessage m) {
        MessageCodec codec = CODECS.get(m.type());
        return codec.encode(m, CLIENT_FEATURES);
    }

    private static CephMessage decode(Captured.Message c) throws Exception {
        return CODECS.get(c.type()).decode(c.raw(), CLIENT_FEATURES);
    }

    @Test
    void every_captured_message_encodes_back_byte_for_byte() throws Exception {
        List<Captured.Message> all = Captured.all();
        assertEquals(21, all.size(), "index.tsv rows");
        for (Captured.Message c : all) {
            CephMessage m = decode(c);
            RawMessage again = reencode(m);
            assertArrayEquals(c.front(), Captured.copy(again.front()), c.name() + " front");
            assertArrayEquals(c.data(), Captured.copy(again.data()), c.name() + " data");
            assertEquals(0, again.middleLength(), c.name());
            assertEquals(c.type(), again.type(), c.name());
            assertEquals(c.version(), again.version(), c.name() + " version");
            assertEquals(c.compat(), again.compatVersion(), c.name() + " compat_version");
            assertEquals(c.tid(), again.tid(), c.name() + " tid");
            if (c.type() != MOSDMap.CEPH_MSG_OSD_MAP) {
                // the monitor's messenger sends everything at 196; the OSD messages carry their own priority
                assertEquals(c.priority(), again.priority(), c.name() + " priority");
            }
            assertEquals(m, CODECS.get(c.type()).decode(again, CLIENT_FEATURES), c.name() + " decodes again to the same");
        }
    }

    @Test
    void put_is_one_writefull_of_the_file_to_pg_1_7() throws Exception {
        MOSDOp op = (MOSDOp) decode(Captured.message("put-obj1.mosdop"));
        assertEquals(1, op.tid());
        assertEquals(new SpgId(new PgId(1, 7), SpgId.NO_SHARD), op.pgid());
        assertEquals(0x6cf8deff, op.hash());
        assertEquals(8, op.osdmapEpoch());
        assertEquals(0x400024, op.flags());
        assertEquals(CEPH_OSD_FLAG_ONDISK | CEPH_OSD_FLAG_WRITE | CEPH_OSD_FLAG_KNOWN_REDIR, op.flags());
        assertEquals(OsdReqId.EMPTY, op.reqid());
        assertEquals(BlkinTrace.NONE, op.trace());
        assertEquals(0, op.clientInc());
        assertEquals(Instant.parse("2026-11-22T02:45:56Z").getEpochSecond(), op.mtime().sec(), "a write carries the wall clock");
        assertEquals(ObjectLocator.of(1), op.locator());
        assertEquals("obj1", op.oid());
        assertEquals(HObject.NOSNAP, op.snapId());
        assertEquals(0, op.snapSeq());
        assertEquals(List.of(), op.snaps());
        assertEquals(0, op.retryAttempt());
        assertEquals(CLIENT_FEATURES, op.features());
        assertEquals(1, op.ops().size());
        OsdOp w = op.ops().get(0);
        assertEquals(CEPH_OSD_OP_WRITEFULL, w.op());
        assertEquals(0, w.extentOffset());
        assertEquals(4096, w.extentLength());
        assertEquals(0, w.flags());
        assertEquals(ByteBuffer.wrap(Captured.objectBytes()), w.input());
        // the same op built by the factory is the same op
        assertEquals(OsdOp.writeFull(ByteBuffer.wrap(Captured.objectBytes())), w);
    }

    @Test
    void a_request_rebuilt_from_the_factories_is_the_captured_one() throws Exception {
        Captured.Message c = Captured.message("put-obj1.mosdop");
        MOSDOp captured = (MOSDOp) decode(c);
        MOSDOp built = MOSDOp.of(1, SpgId.of(new PgId(1, 7)), 0x6cf8deff, 8,
                CEPH_OSD_FLAG_ONDISK | CEPH_OSD_FLAG_WRITE | CEPH_OSD_FLAG_KNOWN_REDIR, captured.mtime(), ObjectLocator.of(1),
                "obj1", List.of(OsdOp.writeFull(ByteBuffer.wrap(Captured.objectBytes()))), CLIENT_FEATURES);
        RawMessage raw = new MOSDOp.Codec().encode(built, CLIENT_FEATURES);
        assertArrayEquals(c.front(), Captured.copy(raw.front()));
        assertArrayEquals(c.data(), Captured.copy(raw.data()));
        assertEquals(63, raw.priority());
        assertEquals(8, raw.version());
        assertEquals(3, raw.compatVersion());

        Captured.Message stat = Captured.message("stat-obj1.mosdop");
        MOSDOp statBuilt = MOSDOp.of(1, SpgId.of(new PgId(1, 7)), 0x6cf8deff, 8,
                CEPH_OSD_FLAG_ONDISK | CEPH_OSD_FLAG_READ | CEPH_OSD_FLAG_KNOWN_REDIR, UTime.ZERO, ObjectLocator.of(1),
                "obj1", List.of(OsdOp.stat()), CLIENT_FEATURES);
        assertArrayEquals(stat.front(), Captured.copy(new MOSDOp.Codec().encode(statBuilt, CLIENT_FEATURES).front()));
    }

    @Test
    void put_reply_acks_on_disk_at_version_4() throws Exception {
        MOSDOpReply r = (MOSDOpReply) decode(Captured.message("put-obj1.mosdopreply"));
        assertEquals(1, r.tid());
        assertEquals("obj1", r.oid());
        assertEquals(new PgId(1, 7), r.pgid());
        assertEquals(0x400025, r.flags());
        assertTrue(r.isOnDisk());
        assertEquals(0, r.result());
        assertEquals(new EVersion(4, 8), r.badReplayVersion());
        assertEquals(new EVersion(4, 8), r.replayVersion());
        assertEquals(4, r.userVersion());
        assertEquals(8, r.osdmapEpoch());
        assertEquals(0, r.retryAttempt());
        assertFalse(r.redirect().isPresent());
        assertEquals(1, r.ops().size());
        assertEquals(CEPH_OSD_OP_WRITEFULL, r.ops().get(0).op());
        assertEquals(0, r.ops().get(0).rval());
        assertFalse(r.ops().get(0).output().hasRemaining(), "a write reply has no out data");
        assertFalse(r.ops().get(0).input().hasRemaining());
    }

    @Test
    void get_reads_4_mib_and_gets_back_the_4096_bytes_written() throws Exception {
        MOSDOp req = (MOSDOp) decode(Captured.message("get-obj1.mosdop"));
        assertEquals(0x400014, req.flags());
        assertEquals(UTime.ZERO, req.mtime(), "reads carry no mtime");
        OsdOp read = req.ops().get(0);
        assertEquals(OsdOp.read(0, 4 << 20), read);

        MOSDOpReply r = (MOSDOpReply) decode(Captured.message("get-obj1.mosdopreply"));
        assertEquals(0x400015, r.flags());
        assertEquals(new EVersion(4, 0), r.badReplayVersion());
        assertEquals(EVersion.ZERO, r.replayVersion());
        assertEquals(4, r.userVersion());
        OsdOp out = r.ops().get(0);
        assertEquals(CEPH_OSD_OP_READ, out.op());
        assertEquals(4096, out.extentLength(), "the OSD rewrites the extent to what it read");
        assertEquals(ByteBuffer.wrap(Captured.objectBytes()), out.output());
    }

    @Test
    void stat_returns_size_and_mtime_and_then_enoent() throws Exception {
        MOSDOpReply r = (MOSDOpReply) decode(Captured.message("stat-obj1.mosdopreply"));
        assertEquals(0, r.result());
        ObjectStat stat = ObjectStat.decode(r.ops().get(0).output());
        assertEquals(4096, stat.size());
        // rados-put-get-crc.stat.txt: "test/obj1 mtime 2026-11-22T02:45:56.000000+0000, size 4096"
        assertEquals(Instant.parse("2026-11-22T02:45:56Z").getEpochSecond(), stat.mtime().sec());
        assertEquals(ByteBuffer.wrap(Captured.bytes("stat-obj1.mosdopreply.data.bin")), stat.encode());

        MOSDOpReply gone = (MOSDOpReply) decode(Captured.message("stat-obj1-enoent.mosdopreply"));
        assertEquals(-2, gone.result());
        assertEquals(0x400014, gone.flags(), "the ENOENT reply carries ONDISK only");
        assertEquals(0, gone.ops().get(0).rval(), "the error is in result, the op's rval stays 0");
        assertFalse(gone.data().hasRemaining());
        assertEquals(EVersion.ZERO, gone.badReplayVersion());
        assertEquals(0, gone.userVersion());
    }

    @Test
    void rm_sends_delete_with_the_legacy_peerstat_flag() throws Exception {
        for (String name : List.of("rm-obj1.mosdop", "rm-obj2.mosdop")) {
            MOSDOp req = (MOSDOp) decode(Captured.message(name));
            assertEquals(0x4000a4, req.flags(), name);
            assertEquals(List.of(OsdOp.delete()), req.ops(), name);
        }
        MOSDOp rm2 = (MOSDOp) decode(Captured.message("rm-obj2.mosdop"));
        assertEquals("obj2", rm2.oid());
        assertEquals(new PgId(1, 0), rm2.pgid().pgid());
        assertEquals(0x3f1ee208, rm2.hash());
        assertEquals(10, rm2.osdmapEpoch(), "after 'ceph osd set noout' moved the map to epoch 10");
    }

    @Test
    void put_at_an_offset_is_a_write_4096_at_4096() throws Exception {
        MOSDOp req = (MOSDOp) decode(Captured.message("put-obj2-offset.mosdop"));
        assertEquals("obj2", req.oid());
        assertEquals(0x3f1ee208, req.hash());
        assertEquals(new PgId(1, 0), req.pgid().pgid());
        assertEquals(OsdOp.write(4096, ByteBuffer.wrap(Captured.objectBytes())), req.ops().get(0));
        MOSDOpReply r = (MOSDOpReply) decode(Captured.message("put-obj2-offset.mosdopreply"));
        assertEquals(0, r.result());
        assertEquals(CEPH_OSD_OP_WRITE, r.ops().get(0).op());
    }

    @Test
    void watch_then_unwatch_with_the_same_cookie() throws Exception {
        MOSDOp watch = (MOSDOp) decode(Captured.message("watch-obj2.mosdop"));
        MOSDOp unwatch = (MOSDOp) decode(Captured.message("unwatch-obj2.mosdop"));
        assertEquals(1, watch.tid());
        assertEquals(2, unwatch.tid());
        OsdOp w = watch.ops().get(0);
        OsdOp u = unwatch.ops().get(0);
        assertEquals(CEPH_OSD_OP_WATCH, w.op());
        assertEquals(OsdOp.CEPH_OSD_WATCH_OP_WATCH, w.watchOp());
        assertEquals(OsdOp.CEPH_OSD_WATCH_OP_UNWATCH, u.watchOp());
        long cookie = w.argU64(0);
        assertEquals(cookie, u.argU64(0));
        assertEquals(OsdOp.watch(cookie, 0), w);
        assertEquals(OsdOp.unwatch(cookie), u);
        assertEquals(0x400024, watch.flags());
        for (String name : List.of("watch-obj2.mosdopreply", "unwatch-obj2.mosdopreply")) {
            MOSDOpReply r = (MOSDOpReply) decode(Captured.message(name));
            assertEquals(0, r.result(), name);
            assertEquals(cookie, r.ops().get(0).argU64(0), name + ": the reply echoes the op");
        }
    }

    @Test
    void osdmaps_carry_one_full_map_each() throws Exception {
        Map<String, Long> epochs = Map.of("osdmap-e8.mosdmap", 8L, "osdmap-e9.mosdmap", 9L, "osdmap-e10.mosdmap", 10L);
        for (Captured.Message c : Captured.ofType(MOSDMap.CEPH_MSG_OSD_MAP)) {
            MOSDMap m = (MOSDMap) decode(c);
            long epoch = epochs.get(c.name());
            assertEquals(Captured.FSID, m.fsid(), c.name());
            assertEquals(Set.of(epoch), m.fullMaps().keySet(), c.name());
            assertTrue(m.incrementalMaps().isEmpty(), c.name());
            assertEquals(1, m.oldestMap(), c.name());
            assertEquals(epoch, m.newestMap(), c.name());
            assertTrue(m.gapRemovedSnaps().isEmpty(), c.name());
            assertEquals(epoch, m.firstEpoch());
            assertEquals(epoch, m.lastEpoch());
            ByteBuffer full = m.fullMaps().get(epoch);
            // the blob is the rest of the front: fsid 16, two map counts 8, key 4, length 4, oldest/newest 8, gap count 4
            assertEquals(c.front().length - 44, full.remaining(), c.name());
            assertEquals(8, full.get(0), "OSDMap wrapper ENCODE_START(8, 7)");
            assertEquals(7, full.get(1));
        }
    }
}
