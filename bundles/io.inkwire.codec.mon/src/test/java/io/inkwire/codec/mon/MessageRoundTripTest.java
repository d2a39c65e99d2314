package io.inkwire.codec.mon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every message through its codec and back, with the header fields Ceph expects. */
class MessageRoundTripTest {

    private static final UUID FSID = UUID.fromString("5d61cf2f-dd45-4db4-b861-446e1c12ef84");

    static Stream<Arguments> messages() {
        Map<String, MMonSubscribe.Item> subs = new LinkedHashMap<>();
        subs.put("osdmap", MMonSubscribe.Item.from(12));
        subs.put("config", MMonSubscribe.Item.from(0));
        subs.put("mgrmap", MMonSubscribe.Item.once(3));
        MonMap map = MonMap.of(FSID, 4, Instant.ofEpochSecond(1_795_313_536L, 144_131_593),
                List.of(new MonInfo("foo", EntityAddrVec.parse("[v2:10.0.0.10:3300/0,v1:10.0.0.10:6789/0]"))));
        return Stream.of(
                Arguments.of(new MPing.Codec(), new MPing(), 2, 1, 1),
                Arguments.of(new MMonGetMap.Codec(), new MMonGetMap(), 5, 1, 1),
                Arguments.of(new MMonMap.Codec(), MMonMap.of(map), 4, 1, 1),
                Arguments.of(new MMonSubscribe.Codec(), new MMonSubscribe(subs, "host-1"), 15, 3, 1),
                Arguments.of(new MMonSubscribeAck.Codec(), new MMonSubscribeAck(300, FSID), 16, 1, 1),
                Arguments.of(new MAuth.Codec(), new MAuth(MAuth.CEPH_AUTH_CEPHX, new byte[] {1, 2, 3}, 4), 17, 1, 1),
                Arguments.of(new MAuthReply.Codec(), new MAuthReply(2, -13, 4138, new byte[] {9, 8}, "denied"), 18, 1, 1),
                Arguments.of(new MMonGetVersion.Codec(), new MMonGetVersion(77, "osdmap"), 19, 1, 1),
                Arguments.of(new MMonGetVersionReply.Codec(), new MMonGetVersionReply(77, 40, 1), 20, 2, 2),
                Arguments.of(new MMonCommand.Codec(), new MMonCommand(9, FSID, List.of("{\"prefix\": \"auth import\"}"),
                        "[client.x]\n".getBytes(StandardCharsets.UTF_8)), 50, 1, 1),
                Arguments.of(new MMonCommandAck.Codec(), new MMonCommandAck(9, -22, "bad", List.of("{}"),
                        "out".getBytes(StandardCharsets.UTF_8)), 51, 1, 1),
                Arguments.of(new MConfig.Codec(), new MConfig(Map.of("mon_host", "[v2:10.0.0.10:3300]", "debug_ms", "1")), 62, 1, 1),
                Arguments.of(new MCommand.Codec(), new MCommand(5, FSID, List.of("{\"prefix\": \"version\"}"), new byte[0]), 97, 1, 1),
                Arguments.of(new MCommandReply.Codec(), new MCommandReply(5, 0, "", "{\"version\":\"16.2.15\"}".getBytes(StandardCharsets.UTF_8)), 98, 1, 1));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("messages")
    <M extends CephMessage> void round_trips(MessageCodec<M> codec, M message, int type, int version, int compat) throws Exception {
        RawMessage raw = codec.encode(message, 0);
        assertEquals(type, raw.type());
        assertEquals(type, message.type());
        assertEquals(type, codec.type());
        assertEquals(version, raw.version());
        assertEquals(compat, raw.compatVersion());
        assertEquals(RawMessage.CEPH_MSG_PRIO_DEFAULT, raw.priority());
        assertEquals(message.tid(), raw.tid());
        assertEquals(0, raw.middleLength());

        M back = codec.decode(raw, 0);
        assertEquals(message, back);
        assertEquals(message.hashCode(), back.hashCode());
        assertEquals(codec.messageClass(), back.getClass());
        // and the second encoding is the same bytes
        RawMessage again = codec.encode(back, 0);
        assertArrayEquals(Captured.front(raw), Captured.front(again));
        assertArrayEquals(Captured.data(raw), Captured.data(again));
    }

    @Test
    void mmoncommand_input_travels_in_the_data_segment() {
        byte[] input = {1, 2, 3, 4};
        RawMessage raw = new MMonCommand.Codec().encode(new MMonCommand(FSID, List.of("{}"), input).withTid(5), 0);
        assertArrayEquals(input, Captured.data(raw));
        assertEquals(5, raw.tid());
    }

    @Test
    void messages_own_their_byte_arrays() {
        byte[] payload = {1, 2, 3};
        MAuth m = new MAuth(2, payload, 0);
        payload[0] = 42;
        m.authPayload()[1] = 42;
        assertArrayEquals(new byte[] {1, 2, 3}, m.authPayload());
        assertNotEquals(m, new MAuth(2, new byte[] {1, 2, 4}, 0));
    }

    @Test
    void secrets_stay_out_of_tostring() {
        byte[] secret = "AQBsecretsecret==".getBytes(StandardCharsets.US_ASCII);
        for (Object m : List.of(new MAuth(2, secret, 0), new MAuthReply(2, 0, 1, secret, ""),
                new MMonCommand(FSID, List.of("{}"), secret), new MMonCommandAck(1, 0, "", List.of(), secret))) {
            String s = m.toString();
            assertEquals(-1, s.indexOf("AQB"), s);
            assertEquals(-1, s.indexOf("[B@"), s);
        }
    }

    @Test
    void decodes_the_pre_subscribe2_form() throws Exception {
        // header.version 0: map<string, {le64 unused, le64 have, u8 onetime}>, no host name
        io.inkwire.wire.CephEncoder e = new io.inkwire.wire.CephEncoder();
        e.u32(2).string("monmap").u64(0).u64(0).u8(0).string("osdmap").u64(0).u64(9).u8(1);
        RawMessage raw = RawMessage.builder(15).version(0).front(e.toByteArray()).build();
        MMonSubscribe m = new MMonSubscribe.Codec().decode(raw, 0);
        assertEquals(new MMonSubscribe(Map.of("monmap", MMonSubscribe.Item.from(0), "osdmap", MMonSubscribe.Item.once(10)), ""), m);
    }

    @Test
    void decodes_a_version_1_get_version_reply_without_oldest() throws Exception {
        io.inkwire.wire.CephEncoder e = new io.inkwire.wire.CephEncoder();
        e.u64(3).u64(40);
        RawMessage raw = RawMessage.builder(20).version(1).front(e.toByteArray()).build();
        assertEquals(new MMonGetVersionReply(3, 40, 0), new MMonGetVersionReply.Codec().decode(raw, 0));
    }
}
