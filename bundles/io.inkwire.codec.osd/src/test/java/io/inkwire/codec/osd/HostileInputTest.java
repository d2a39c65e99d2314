package io.inkwire.codec.osd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephEncoder;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad bytes from an OSD or a monitor cost a MessageDecodeException, quickly and without large allocations. */
class HostileInputTest {

    private static final long ALLOCATION_BUDGET = 1 << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static String refused(Executable decode) {
        return assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            MessageDecodeException e = assertThrows(MessageDecodeException.class, decode);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated + " bytes");
            return e.getMessage();
        });
    }

    private static String refused(MessageCodec<?> codec, RawMessage raw) {
        return refused(() -> codec.decode(raw, 0));
    }

    private static RawMessage reply(byte[] front, byte[] data) {
        return RawMessage.builder(43).version(8).compatVersion(2).front(front).data(data).build();
    }

    /** A v8 MOSDOpReply front up to and including the op count. */
    private static CephEncoder replyHead(long opCount) {
        CephEncoder e = new CephEncoder().string("obj");
        new PgId(1, 7).encode(e);
        e.u64(0x400025).u32(0);
        EVersion.ZERO.encode(e);
        return e.u32(8).u32(opCount);
    }

    /** A whole v8 reply front with one op of {@code payloadLen}; {@code tail} replaces what follows user_version. */
    private static byte[] oneOpReply(long payloadLen, byte[] tail) {
        CephEncoder e = replyHead(1);
        OsdOp.read(0, 10).encodeHeader(e, (int) payloadLen);
        e.u32(0).u32(0);
        EVersion.ZERO.encode(e);
        e.u64(0).raw(tail);
        return e.toByteArray();
    }

    private static byte[] noRedirectTail() {
        return new CephEncoder().bool(false).zeros(24).toByteArray();
    }

    @Test
    void pool_stats_with_a_huge_count_or_a_struct_past_the_end_are_refused() {
        java.util.UUID fsid = new java.util.UUID(1, 2);
        byte[] huge = new CephEncoder().u64(0).u16(-1).u64(0).uuid(fsid).u32(0xffffffffL).toByteArray();
        String m = refused(new MGetPoolStatsReply.Codec(), RawMessage.builder(59).version(2).compatVersion(1).front(huge).build());
        assertTrue(m.contains("pool_stats count"), m);
        CephEncoder e = new CephEncoder().u64(0).u16(-1).u64(0).uuid(fsid).u32(1).string("p");
        e.u8(7).u8(5).u32(0x7fffffff).zeros(200); // pool_stat_t claiming 2 GiB
        m = refused(new MGetPoolStatsReply.Codec(), RawMessage.builder(59).version(2).compatVersion(1).front(e.toByteArray()).build());
        assertTrue(m.contains("pool_stat_t length"), m);
    }

    @Test
    void a_reply_op_count_of_two_to_the_31_is_refused() {
        String m = refused(new MOSDOpReply.Codec(), reply(replyHead(0x8000_0000L).toByteArray(), new byte[0]));
        assertTrue(m.contains("count 2147483648"), m);
        assertTrue(m.startsWith("MOSDOpReply"), m);
        refused(new MOSDOpReply.Codec(), reply(replyHead(0xffff_ffffL).zeros(1000).toByteArray(), new byte[0]));
        // a count that fits the ops but not the rvals after them
        CephEncoder e = replyHead(3);
        for (int i = 0; i < 3; i++) {
            OsdOp.stat().encodeHeader(e, 0);
        }
        refused(new MOSDOpReply.Codec(), reply(e.u32(0).u32(0).toByteArray(), new byte[0]));
    }

    @Test
    void payload_lengths_beyond_the_data_segment_are_refused() {
        byte[] front = oneOpReply(4097, noRedirectTail());
        String m = refused(new MOSDOpReply.Codec(), reply(front, new byte[4096]));
        assertTrue(m.contains("payload_len 4097") && m.contains("data segment"), m);
        refused(new MOSDOpReply.Codec(), reply(oneOpReply(0xffff_ffffL, noRedirectTail()), new byte[16]));

        // two ops of 2^32-1 each: the sum must not wrap
        CephEncoder e = replyHead(2);
        OsdOp.read(0, 1).encodeHeader(e, -1);
        OsdOp.read(0, 1).encodeHeader(e, -1);
        e.u32(0).u32(0).u32(0);
        EVersion.ZERO.encode(e);
        e.u64(0).raw(noRedirectTail());
        refused(new MOSDOpReply.Codec(), reply(e.toByteArray(), new byte[64]));

        // the same reply with the data it announces decodes
        assertDecodes(new MOSDOpReply.Codec(), reply(oneOpReply(4096, noRedirectTail()), new byte[4096]));
    }

    @Test
    void redirect_garbage_is_refused() {
        CephEncoder goodLocator = new CephEncoder();
        ObjectLocator.of(2).encode(goodLocator);
        byte[] locator = goodLocator.toByteArray();

        List<byte[]> tails = List.of(
                new CephEncoder().bool(true).toByteArray(), // redirect announced, nothing follows
                new CephEncoder().bool(true).u8(1).u8(1).u32(0x7fff_ffff).toByteArray(), // struct longer than the front
                new CephEncoder().bool(true).u8(2).u8(2).u32(0).zeros(24).toByteArray(), // compat 2 > 1
                redirect(new CephEncoder().u8(7).u8(7).u32(0).toByteArray(), ""), // locator compat 7 > 6
                redirect(new CephEncoder().u8(2).u8(2).u32(12).zeros(12).toByteArray(), ""), // pre-v3 locator
                redirect(locator, "x", 0x7fff_ffffL), // legacy osd_instructions longer than what is left
                redirect(keyAndHash(), ""), // a locator with both a key and a hash
                redirect(locator, "x", 0, 5)); // the struct's length ends before its fields do
        for (byte[] tail : tails) {
            refused(new MOSDOpReply.Codec(), reply(oneOpReply(0, tail), new byte[0]));
        }
        assertDecodes(new MOSDOpReply.Codec(), reply(oneOpReply(0, redirect(locator, "x")), new byte[0]));
    }

    private static byte[] redirect(byte[] locator, String object) {
        return redirect(locator, object, 0);
    }

    private static byte[] redirect(byte[] locator, String object, long legacyLen) {
        return redirect(locator, object, legacyLen, -1);
    }

    /** do_redirect = 1, request_redirect_t with the given parts, the trace; {@code lengthOverride} ≥ 0 replaces the struct length. */
    private static byte[] redirect(byte[] locator, String object, long legacyLen, int lengthOverride) {
        CephEncoder body = new CephEncoder().raw(locator).string(object).u32(legacyLen);
        byte[] b = body.toByteArray();
        CephEncoder e = new CephEncoder().bool(true).u8(1).u8(1).u32(lengthOverride >= 0 ? lengthOverride : b.length).raw(b);
        return e.zeros(24).toByteArray();
    }

    private static byte[] keyAndHash() {
        return new CephEncoder().u8(6).u8(6).u32(8 + 4 + 5 + 4 + 8).u64(1).u32(-1).string("k").u32(0).u64(9).toByteArray();
    }

    @Test
    void old_or_too_new_versions_are_refused() {
        byte[] front = Captured.message("stat-obj1.mosdopreply").front();
        String m = refused(new MOSDOpReply.Codec(), RawMessage.builder(43).version(1).compatVersion(1).front(front).build());
        assertTrue(m.contains("version 1"), m);
        m = refused(new MOSDOpReply.Codec(), RawMessage.builder(43).version(10).compatVersion(9).front(front).build());
        assertTrue(m.contains("compat_version 9"), m);
        refused(new MOSDOp.Codec(), RawMessage.builder(42).version(7).compatVersion(3)
                .front(Captured.message("stat-obj1.mosdop").front()).build());
        refused(new MOSDMap.Codec(), RawMessage.builder(41).version(5).compatVersion(5)
                .front(Captured.message("osdmap-e8.mosdmap").front()).build());
    }

    @Test
    void every_truncation_of_every_captured_message_is_refused() {
        for (Captured.Message c : Captured.all()) {
            MessageCodec<?> codec = switch (c.type()) {
                case 41 -> new MOSDMap.Codec();
                case 42 -> new MOSDOp.Codec();
                default -> new MOSDOpReply.Codec();
            };
            for (int n = 0; n < c.front().length; n++) {
                RawMessage cut = RawMessage.builder(c.type()).version(c.version()).compatVersion(c.compat())
                        .front(Arrays.copyOf(c.front(), n)).data(c.data()).build();
                refused(codec, cut);
            }
            if (c.data().length > 0 && c.type() != 41) {
                // the front announces payloads the (cut) data segment no longer holds
                RawMessage shortData = RawMessage.builder(c.type()).version(c.version()).compatVersion(c.compat())
                        .front(c.front()).data(Arrays.copyOf(c.data(), c.data().length - 1)).build();
                refused(codec, shortData);
            }
        }
    }

    @Test
    void an_osdmap_with_huge_counts_or_lengths_is_refused() {
        refused(new MOSDMap.Codec(), RawMessage.builder(41).version(4).compatVersion(3)
                .front(new CephEncoder().zeros(16).u32(0x8000_0000L).toByteArray()).build());
        refused(new MOSDMap.Codec(), RawMessage.builder(41).version(4).compatVersion(3)
                .front(new CephEncoder().zeros(16).u32(0).u32(1).u32(8).u32(0x7fff_ffff).zeros(64).toByteArray()).build());
        refused(new MOSDMap.Codec(), RawMessage.builder(41).version(4).compatVersion(3)
                .front(new CephEncoder().zeros(16).u32(0).u32(0).u32(1).u32(1).u32(1).u64(1).u32(0x1000_0000).toByteArray())
                .build());
    }

    @Test
    void an_op_count_beyond_the_front_is_refused() {
        byte[] front = Captured.message("stat-obj1.mosdop").front().clone();
        front[141] = (byte) 0xff; // u16 op count after spgid..oid (141 bytes for "obj1")
        front[142] = (byte) 0xff;
        String m = refused(new MOSDOp.Codec(), RawMessage.builder(42).version(8).compatVersion(3).front(front).build());
        assertTrue(m.contains("op count 65535"), m);
    }

    @Test
    void op_outputs_with_huge_counts_are_refused() {
        byte[] huge = new CephEncoder().u32(0x8000_0000L).zeros(32).toByteArray();
        ByteBuffer b = ByteBuffer.wrap(huge);
        refused(() -> OmapVals.decode(b));
        refused(() -> OmapKeys.decode(b));
        refused(() -> XattrMap.decode(b));
        refused(() -> SparseReadResult.decode(b));
        refused(() -> NotifyResult.decode(b));
        refused(() -> ObjectStat.decode(ByteBuffer.wrap(new byte[15])));
        CephEncoder pg = new CephEncoder().startStruct(1, 1);
        HObject.MIN.encode(pg);
        pg.u32(0x8000_0000L).zeros(40).finishStruct();
        refused(() -> PgNlsResponse.decode(pg.toByteBuffer()));
        refused(() -> WatchersResponse.decode(new CephEncoder().startStruct(1, 1).u32(0x8000_0000L).zeros(20).finishStruct()
                .toByteBuffer()));
        refused(() -> SnapsResponse.decode(new CephEncoder().startStruct(2, 1).u32(0x8000_0000L).zeros(20).finishStruct()
                .toByteBuffer()));
        refused(() -> OsdOp.read(0, 1).withResult(0, ByteBuffer.allocate(7)).notifyId());
    }

    @Test
    void random_damage_to_captured_messages_never_escapes_as_another_exception() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (Captured.Message c : Captured.all()) {
            MessageCodec<?> codec = switch (c.type()) {
                case 41 -> new MOSDMap.Codec();
                case 42 -> new MOSDOp.Codec();
                default -> new MOSDOpReply.Codec();
            };
            for (int round = 0; round < 300; round++) {
                byte[] front = c.front().clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    front[random.nextInt(front.length)] = (byte) random.nextInt(256);
                }
                RawMessage raw = RawMessage.builder(c.type()).version(c.version()).compatVersion(c.compat()).front(front)
                        .data(c.data()).build();
                try {
                    codec.decode(raw, 0);
                } catch (MessageDecodeException expected) {
                    // refused
                } catch (Exception | Error e) {
                    fail("seed " + seed + ", " + c.name() + " round " + round + ": " + e, e);
                }
            }
        }
    }

    private static void assertDecodes(MessageCodec<?> codec, RawMessage raw) {
        try {
            codec.decode(raw, 0);
        } catch (Exception e) {
            fail("should decode: " + e, e);
        }
    }
}
