package io.inkwire.codec.mon;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.PaxosServiceHeader;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad bytes from the network cost a ProtocolException, quickly and without large allocations. */
class HostileInputTest {

    private static final long HUGE = 0x8000_0000L; // 2^31
    private static final long ALLOCATION_BUDGET = 1 << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Decodes, expecting a ProtocolException within 1 s and under 1 MiB allocated; returns its message. */
    private static String rejects(MessageCodec<?> codec, RawMessage raw) {
        return assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(raw, 0));
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated + " bytes");
            return e.getMessage();
        });
    }

    private static RawMessage front(int type, int version, CephEncoder e) {
        return RawMessage.builder(type).version(version).front(e.toByteArray()).build();
    }

    @Test
    void a_count_of_two_to_the_31_is_refused_everywhere() {
        String m;
        m = rejects(new MConfig.Codec(), front(62, 1, new CephEncoder().u32(HUGE)));
        assertTrue(m.contains("count 2147483648"), m);
        rejects(new MMonSubscribe.Codec(), front(15, 3, new CephEncoder().u32(HUGE)));
        rejects(new MMonSubscribe.Codec(), front(15, 0, new CephEncoder().u32(HUGE)));
        rejects(new MMonGetVersion.Codec(), front(19, 1, new CephEncoder().u64(1).u32(HUGE)));

        CephEncoder cmd = new CephEncoder();
        PaxosServiceHeader.encode(cmd);
        cmd.uuid(Captured.MSGR2_CRC_FSID).u32(HUGE);
        rejects(new MMonCommand.Codec(), front(50, 1, cmd));

        CephEncoder ack = new CephEncoder();
        PaxosServiceHeader.encode(ack);
        ack.u32(0).u32(HUGE);
        rejects(new MMonCommandAck.Codec(), front(51, 1, ack));

        CephEncoder auth = new CephEncoder();
        PaxosServiceHeader.encode(auth);
        auth.u32(2).u32(HUGE);
        rejects(new MAuth.Codec(), front(17, 1, auth));
        rejects(new MAuthReply.Codec(), front(18, 1, new CephEncoder().u32(2).u32(0).u64(1).u32(HUGE)));
        rejects(new MMonMap.Codec(), front(4, 1, new CephEncoder().u32(HUGE)));
    }

    @Test
    void a_monmap_with_two_to_the_31_monitors_or_ranks_is_refused() {
        byte[] monmap = Arrays.copyOfRange(Captured.bytes("msgr2-crc.mmonmap.front.bin"), 4, 205);
        int monCountAt = 6 + 16 + 4 + 8 + 8 + 14 + 14;
        int rankCountAt = monCountAt + 4 + 5 + 6 + 88; // count, key "a", mon_info_t header + 88-byte body
        for (int at : new int[] {monCountAt, rankCountAt}) {
            byte[] bad = monmap.clone();
            bad[at] = 0;
            bad[at + 1] = 0;
            bad[at + 2] = 0;
            bad[at + 3] = (byte) 0x80;
            String m = rejects(new MMonMap.Codec(), front(4, 1, new CephEncoder().bytes(bad)));
            assertTrue(m.contains("2147483648"), m);
        }
    }

    @Test
    void every_truncation_of_the_captured_monmap_is_refused() {
        byte[] front = Captured.bytes("msgr2-crc.mmonmap.front.bin");
        for (int n = 0; n < front.length; n++) {
            rejects(new MMonMap.Codec(), RawMessage.builder(4).front(Arrays.copyOf(front, n)).build());
        }
        byte[] monmap = Arrays.copyOfRange(front, 4, front.length);
        for (int n = 0; n < monmap.length; n++) {
            // the bufferlist length says "all there" but the struct inside is cut short
            rejects(new MMonMap.Codec(), front(4, 1, new CephEncoder().bytes(Arrays.copyOf(monmap, n))));
        }
    }

    @Test
    void every_truncation_of_the_other_captured_messages_is_refused() {
        List<Object[]> cases = List.of(
                new Object[] {new MMonSubscribe.Codec(), 15, 3, "msgr2-crc.mmonsubscribe-config-monmap.front.bin"},
                new Object[] {new MMonCommand.Codec(), 50, 1, "msgr2-crc.mmoncommand-status.front.bin"},
                new Object[] {new MMonCommandAck.Codec(), 51, 1, "msgr2-crc.mmoncommandack-status.front.bin"},
                new Object[] {new MConfig.Codec(), 62, 1, "msgr2-crc.mconfig.front.bin"},
                new Object[] {new MAuthReply.Codec(), 18, 1, "msgr1-cephx.mauthreply-tickets.front.bin"});
        for (Object[] c : cases) {
            byte[] front = Captured.bytes((String) c[3]);
            for (int n = 0; n < front.length; n++) {
                rejects((MessageCodec<?>) c[0], RawMessage.builder((int) c[1]).version((int) c[2]).front(Arrays.copyOf(front, n)).build());
            }
        }
        // MAuth's last field is optional: only cuts before it fail
        byte[] auth = Captured.bytes("msgr1-cephx.mauth-cephx.front.bin");
        for (int n = 0; n < auth.length - 4; n++) {
            rejects(new MAuth.Codec(), RawMessage.builder(17).front(Arrays.copyOf(auth, n)).build());
        }
    }

    @Test
    void a_header_compat_version_newer_than_understood_is_refused() {
        String m = rejects(new MMonSubscribe.Codec(), RawMessage.builder(15).version(5).compatVersion(4)
                .front(Captured.bytes("msgr2-crc.mmonsubscribe-config-monmap.front.bin")).build());
        assertTrue(m.contains("MMonSubscribe") && m.contains("compat_version 4"), m);
        rejects(new MPing.Codec(), RawMessage.builder(2).version(2).compatVersion(2).build());
        rejects(new MMonMap.Codec(), RawMessage.builder(4).version(2).compatVersion(2)
                .front(Captured.bytes("msgr2-crc.mmonmap.front.bin")).build());
        rejects(new MMonGetVersionReply.Codec(), RawMessage.builder(20).version(3).compatVersion(3).front(new byte[24]).build());
    }

    @Test
    void struct_compat_versions_newer_than_understood_are_refused() {
        byte[] monmap = Arrays.copyOfRange(Captured.bytes("msgr2-crc.mmonmap.front.bin"), 4, 205);
        int persistentFeaturesAt = 6 + 16 + 4 + 8 + 8;
        int monInfoAt = persistentFeaturesAt + 14 + 14 + 4 + 5;
        int[][] patches = {{1, 10}, {persistentFeaturesAt + 1, 2}, {monInfoAt + 1, 7}};
        for (int[] p : patches) {
            byte[] bad = monmap.clone();
            bad[p[0]] = (byte) p[1];
            String m = rejects(new MMonMap.Codec(), front(4, 1, new CephEncoder().bytes(bad)));
            assertTrue(m.contains("compat version " + p[1]), m);
        }
    }

    @Test
    void a_struct_length_past_the_end_is_refused() {
        byte[] monmap = Arrays.copyOfRange(Captured.bytes("msgr2-crc.mmonmap.front.bin"), 4, 205);
        monmap[5] = (byte) 0x7f; // struct_len high byte
        rejects(new MMonMap.Codec(), front(4, 1, new CephEncoder().bytes(monmap)));
    }

    @Test
    void random_corruption_of_captured_messages_never_escapes_as_a_runtime_exception() {
        Random rnd = new Random(20261122);
        Object[][] cases = {
                {new MMonMap.Codec(), 4, "msgr2-crc.mmonmap.front.bin"},
                {new MMonMap.Codec(), 4, "msgr1-cephx.mmonmap.front.bin"},
                {new MMonSubscribe.Codec(), 15, "msgr2-crc.mmonsubscribe-osdmap.front.bin"},
                {new MMonCommandAck.Codec(), 51, "msgr2-crc.mmoncommandack-status.front.bin"},
                {new MAuthReply.Codec(), 18, "msgr1-cephx.mauthreply-challenge.front.bin"}};
        for (Object[] c : cases) {
            MessageCodec<?> codec = (MessageCodec<?>) c[0];
            byte[] orig = Captured.bytes((String) c[2]);
            for (int i = 0; i < 3000; i++) {
                byte[] b = orig.clone();
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                RawMessage raw = RawMessage.builder((int) c[1]).version((int) c[1] == 15 ? 3 : 1).compatVersion(1).front(b).build();
                try {
                    codec.decode(raw, 0);
                } catch (ProtocolException expected) {
                    // fine: refused cleanly
                } catch (RuntimeException e) {
                    throw new AssertionError("runtime exception for " + c[2] + " mutated to " + java.util.HexFormat.of().formatHex(b), e);
                }
            }
        }
    }
}
