package io.inkwire.codec.osd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The structured op outputs decode from bytes laid out as the OSD writes them (built here field by
 * field from the encodings in {@code osd_types.h} / {@code PrimaryLogPG.cc}) and encode back the same.
 */
class OpOutputsTest {

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer bytes(CephEncoder e) {
        return ByteBuffer.wrap(e.toByteArray());
    }

    @Test
    void omap_vals_with_and_without_the_more_flag() throws Exception {
        CephEncoder e = new CephEncoder().u32(2).string("a").u32(1).raw(new byte[] {'1'}).string("b").u32(0).bool(true);
        OmapVals v = OmapVals.decode(bytes(e));
        assertEquals(Map.of("a", utf8("1"), "b", utf8("")), v.values());
        assertEquals(Optional.of(true), v.moreFlag());
        assertTrue(v.more(1000));
        assertEquals(bytes(e), v.encode());

        CephEncoder old = new CephEncoder().u32(1).string("a").u32(0);
        OmapVals o = OmapVals.decode(bytes(old));
        assertEquals(Optional.empty(), o.moreFlag());
        assertTrue(o.more(1), "no flag: a full page means there may be more");
        assertFalse(o.more(2));
        assertEquals(bytes(old), o.encode());
    }

    @Test
    void omap_keys_and_xattr_maps() throws Exception {
        CephEncoder keys = new CephEncoder().u32(2).string("k1").string("k2").bool(false);
        OmapKeys k = OmapKeys.decode(bytes(keys));
        assertEquals(List.of("k1", "k2"), List.copyOf(k.keys()));
        assertFalse(k.more(2));
        assertEquals(bytes(keys), k.encode());
        assertEquals(bytes(keys), OmapKeys.of(Set.of("k2", "k1"), false).encode());

        CephEncoder attrs = new CephEncoder().u32(2).string("user.a").u32(3).raw("xyz".getBytes()).string("user.b").u32(0);
        XattrMap x = XattrMap.decode(bytes(attrs));
        assertEquals(utf8("xyz"), x.entries().get("user.a"));
        assertEquals(bytes(attrs), x.encode());
        assertEquals(bytes(attrs), XattrMap.of(Map.of("user.b", utf8(""), "user.a", utf8("xyz"))).encode());
    }

    @Test
    void stat_and_sparse_read() throws Exception {
        ObjectStat s = ObjectStat.decode(bytes(new CephEncoder().u64(4096).u32(1700000000).u32(5)));
        assertEquals(new ObjectStat(4096, new UTime(1700000000, 5)), s);

        CephEncoder sparse = new CephEncoder().u32(2).u64(0).u64(3).u64(100).u64(2).u32(5).raw("abcde".getBytes());
        SparseReadResult r = SparseReadResult.decode(bytes(sparse));
        assertEquals(Map.of(0L, 3L, 100L, 2L), r.extents());
        assertEquals(utf8("abcde"), r.data());
        assertEquals(bytes(sparse), r.encode());
    }

    @Test
    void pgnls_response_with_namespaces_and_locators() throws Exception {
        HObject handle = new HObject("", "obj9", HObject.NOSNAP, 0x1234, false, "ns", 1);
        CephEncoder e = new CephEncoder().startStruct(1, 1);
        handle.encode(e);
        e.u32(2).string("").string("obj1").string("").string("ns").string("obj2").string("key").finishStruct();
        PgNlsResponse r = PgNlsResponse.decode(bytes(e));
        assertEquals(handle, r.handle());
        assertEquals(List.of(new PgNlsResponse.Entry("", "obj1", ""), new PgNlsResponse.Entry("ns", "obj2", "key")),
                r.entries());
        assertFalse(r.extraInfo().hasRemaining());
        assertEquals(bytes(e), r.encode());

        // a filtered listing appends the filter's extra info as a bufferlist
        CephEncoder withExtra = new CephEncoder().raw(e.toByteArray()).u32(2).raw(new byte[] {9, 9});
        PgNlsResponse x = PgNlsResponse.decode(bytes(withExtra));
        assertEquals(ByteBuffer.wrap(new byte[] {9, 9}), x.extraInfo());
        assertEquals(bytes(withExtra), x.encode());
    }

    @Test
    void a_max_or_hammer_min_handle_is_read_as_ceph_reads_it() throws Exception {
        CephEncoder max = new CephEncoder();
        new HObject("k", "o", 5, 6, true, "n", 3).encode(max);
        assertEquals(HObject.MAX, HObject.decode(new io.inkwire.wire.CephDecoder(max.toByteArray(), "t")));
        CephEncoder hammerMin = new CephEncoder();
        new HObject("", "", 0, 0, false, "", -1).encode(hammerMin);
        HObject min = HObject.decode(new io.inkwire.wire.CephDecoder(hammerMin.toByteArray(), "t"));
        assertTrue(min.isMin());
        assertEquals(HObject.MIN, min);
    }

    @Test
    void watchers_and_snaps() throws Exception {
        EntityAddr addr = EntityAddr.of(AddrType.ANY, new InetSocketAddress("127.0.0.1", 0), 12345);
        CephEncoder e = new CephEncoder().startStruct(1, 1).u32(1);
        e.startStruct(2, 1).u8(8).u64(4242).u64(99).u32(30);
        EntityAddrCodec.encode(e, addr);
        e.finishStruct().finishStruct();
        WatchersResponse w = WatchersResponse.decode(bytes(e));
        assertEquals(List.of(new WatchersResponse.Watcher(8, 4242, 99, 30, addr)), w.watchers());
        assertEquals(bytes(e), w.encode());

        CephEncoder s = new CephEncoder().startStruct(2, 1).u32(2);
        s.startStruct(1, 1).u64(4).u32(1).u64(4).u32(1).u64(0).u64(4096).u64(8192).finishStruct();
        s.startStruct(1, 1).u64(HObject.NOSNAP).u32(0).u32(0).u64(8192).finishStruct();
        s.u64(5).finishStruct();
        SnapsResponse r = SnapsResponse.decode(bytes(s));
        assertEquals(2, r.clones().size());
        assertEquals(new SnapsResponse.Clone(4, List.of(4L), List.of(new SnapsResponse.Extent(0, 4096)), 8192),
                r.clones().get(0));
        assertEquals(HObject.NOSNAP, r.clones().get(1).cloneId());
        assertEquals(5, r.seq());
        assertEquals(bytes(s), r.encode());
    }

    @Test
    void notify_completion() throws Exception {
        CephEncoder e = new CephEncoder().u32(2).u64(10).u64(1).u32(2).raw("ok".getBytes()).u64(11).u64(2).u32(0)
                .u32(1).u64(12).u64(3);
        NotifyResult r = NotifyResult.decode(bytes(e));
        assertEquals(utf8("ok"), r.acks().get(new NotifyResult.Watcher(10, 1)));
        assertEquals(List.of(new NotifyResult.Watcher(12, 3)), r.missed());
        assertEquals(bytes(e), r.encode());
    }
}
