package io.inkwire.codec.mon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.RawMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every captured message decodes to what the session did, and our encoding of it is byte-identical. */
class CapturedMessagesTest {

    @Test
    void mconfig_from_the_mon_is_an_empty_map() throws Exception {
        RawMessage raw = Captured.received(MConfig.MSG_CONFIG, 1, 1, 0, "msgr2-crc.mconfig.front.bin");
        MConfig.Codec codec = new MConfig.Codec();
        MConfig m = codec.decode(raw, 0);
        assertEquals(Map.of(), m.config());
        assertArrayEquals(Captured.front(raw), Captured.front(codec.encode(m, 0)));
    }

    @Test
    void mmonsubscribe_for_config_and_monmap() throws Exception {
        RawMessage raw = Captured.received(MMonSubscribe.CEPH_MSG_MON_SUBSCRIBE, 3, 1, 0, "msgr2-crc.mmonsubscribe-config-monmap.front.bin");
        MMonSubscribe.Codec codec = new MMonSubscribe.Codec();
        MMonSubscribe m = codec.decode(raw, 0);
        assertEquals(new MMonSubscribe(Map.of("config", MMonSubscribe.Item.from(0), "monmap", MMonSubscribe.Item.from(0)), "vm"), m);

        RawMessage out = codec.encode(m, 0);
        assertArrayEquals(Captured.front(raw), Captured.front(out));
        assertEquals(3, out.version());
        assertEquals(1, out.compatVersion());
        assertEquals(RawMessage.CEPH_MSG_PRIO_DEFAULT, out.priority());
    }

    @Test
    void mmonsubscribe_for_one_osdmap() throws Exception {
        RawMessage raw = Captured.received(MMonSubscribe.CEPH_MSG_MON_SUBSCRIBE, 3, 1, 0, "msgr2-crc.mmonsubscribe-osdmap.front.bin");
        MMonSubscribe.Codec codec = new MMonSubscribe.Codec();
        MMonSubscribe m = codec.decode(raw, 0);
        assertTrue(m.what().get("osdmap").onetime());
        assertEquals(new MMonSubscribe(Map.of("osdmap", MMonSubscribe.Item.once(0)), "vm"), m);
        assertArrayEquals(Captured.front(raw), Captured.front(codec.encode(m, 0)));
    }

    @Test
    void mmoncommand_status_with_tid_and_fsid() throws Exception {
        RawMessage raw = Captured.received(MMonCommand.MSG_MON_COMMAND, 1, 1, 2, "msgr2-crc.mmoncommand-status.front.bin");
        MMonCommand.Codec codec = new MMonCommand.Codec();
        MMonCommand m = codec.decode(raw, 0);
        assertEquals(MMonCommand.of(2, Captured.MSGR2_CRC_FSID, "{\"prefix\": \"status\"}"), m);

        RawMessage out = codec.encode(new MMonCommand(Captured.MSGR2_CRC_FSID, List.of("{\"prefix\": \"status\"}"), new byte[0]).withTid(2), 0);
        assertArrayEquals(Captured.front(raw), Captured.front(out));
        assertEquals(2, out.tid());
        assertEquals(0, out.dataLength());
    }

    @Test
    void mmoncommand_get_command_descriptions() throws Exception {
        RawMessage raw = Captured.received(MMonCommand.MSG_MON_COMMAND, 1, 1, 1, "msgr2-crc.mmoncommand-descriptions.front.bin");
        MMonCommand.Codec codec = new MMonCommand.Codec();
        MMonCommand m = codec.decode(raw, 0);
        assertEquals(List.of("{\"prefix\": \"get_command_descriptions\"}"), m.cmd());
        assertEquals(1, m.tid());
        assertArrayEquals(Captured.front(raw), Captured.front(codec.encode(m, 0)));
    }

    @Test
    void mmoncommandack_status_with_output_in_the_data_segment() throws Exception {
        byte[] output = Captured.bytes("msgr2-crc.mmoncommandack-status.data.bin");
        RawMessage raw = Captured.received(MMonCommandAck.MSG_MON_COMMAND_ACK, 1, 1, 2, "msgr2-crc.mmoncommandack-status.front.bin")
                .toBuilder().data(output).build();
        MMonCommandAck.Codec codec = new MMonCommandAck.Codec();
        MMonCommandAck ack = codec.decode(raw, 0);

        assertEquals(2, ack.tid());
        assertEquals(0, ack.r());
        assertEquals("", ack.rs());
        assertEquals(List.of("{\"prefix\": \"status\"}"), ack.cmd());
        assertTrue(ack.outputText().startsWith("  cluster:\n    id:     5d61cf2f-dd45-4db4-b861-446e1c12ef84\n"), ack.outputText());
        assertTrue(ack.outputText().contains("mon: 1 daemons, quorum a"));
        assertArrayEquals(output, ack.output());

        RawMessage out = codec.encode(ack, 0);
        assertArrayEquals(Captured.front(raw), Captured.front(out));
        assertArrayEquals(output, Captured.data(out));
        assertEquals(2, out.tid());
        assertFalse(ack.toString().contains("cluster"), "output stays out of toString");
    }

    @Test
    void mmoncommandack_get_command_descriptions() throws Exception {
        RawMessage raw = Captured.received(MMonCommandAck.MSG_MON_COMMAND_ACK, 1, 1, 1, "msgr2-crc.mmoncommandack-descriptions.front.bin");
        MMonCommandAck.Codec codec = new MMonCommandAck.Codec();
        MMonCommandAck ack = codec.decode(raw, 0);
        assertEquals(List.of("{\"prefix\": \"get_command_descriptions\"}"), ack.cmd());
        assertEquals(0, ack.output().length); // the 73271-byte data segment was not kept
        assertArrayEquals(Captured.front(raw), Captured.front(codec.encode(ack, 0)));
    }

    @Test
    void mauth_initial_negotiation_from_msgr1() throws Exception {
        RawMessage raw = Captured.received(MAuth.CEPH_MSG_AUTH, 1, 1, 0, "msgr1-cephx.mauth-initial.front.bin");
        MAuth.Codec codec = new MAuth.Codec();
        MAuth m = codec.decode(raw, 0);
        assertEquals(MAuth.CEPH_AUTH_UNKNOWN, m.protocol());
        assertEquals(0, m.monmapEpoch());
        // u8 1, vector<u32> {2}, EntityName client.admin, u64 global_id 0
        byte[] payload = m.authPayload();
        assertEquals(30, payload.length);
        assertEquals(1, payload[0]);
        assertTrue(new String(payload, StandardCharsets.ISO_8859_1).contains("admin"));
        assertArrayEquals(Captured.front(raw), Captured.front(codec.encode(m, 0)));
        assertFalse(m.toString().contains("admin"));
    }

    @Test
    void mauth_cephx_request_from_msgr1() throws Exception {
        RawMessage raw = Captured.received(MAuth.CEPH_MSG_AUTH, 1, 1, 0, "msgr1-cephx.mauth-cephx.front.bin");
        MAuth.Codec codec = new MAuth.Codec();
        MAuth m = codec.decode(raw, 0);
        assertEquals(MAuth.CEPH_AUTH_CEPHX, m.protocol());
        assertEquals(36, m.authPayload().length);
        assertArrayEquals(Captured.front(raw), Captured.front(codec.encode(m, 0)));
    }

    @Test
    void mauth_without_monmap_epoch_as_the_kernel_sends_it() throws Exception {
        byte[] full = Captured.bytes("msgr1-cephx.mauth-cephx.front.bin");
        byte[] kernelStyle = java.util.Arrays.copyOf(full, full.length - 4);
        MAuth m = new MAuth.Codec().decode(RawMessage.builder(MAuth.CEPH_MSG_AUTH).front(kernelStyle).build(), 0);
        assertEquals(0, m.monmapEpoch());
        assertEquals(36, m.authPayload().length);
    }

    @Test
    void mauthreply_challenge_and_tickets_from_msgr1() throws Exception {
        MAuthReply.Codec codec = new MAuthReply.Codec();
        RawMessage challenge = Captured.received(MAuthReply.CEPH_MSG_AUTH_REPLY, 1, 1, 0, "msgr1-cephx.mauthreply-challenge.front.bin");
        MAuthReply first = codec.decode(challenge, 0);
        assertEquals(MAuth.CEPH_AUTH_CEPHX, first.protocol());
        assertEquals(0, first.result());
        assertEquals(4138, first.globalId());
        assertEquals(9, first.resultBl().length); // CephXServerChallenge: u8 1 + u64
        assertEquals("", first.resultMsg());
        assertArrayEquals(Captured.front(challenge), Captured.front(codec.encode(first, 0)));

        RawMessage tickets = Captured.received(MAuthReply.CEPH_MSG_AUTH_REPLY, 1, 1, 0, "msgr1-cephx.mauthreply-tickets.front.bin");
        MAuthReply second = codec.decode(tickets, 0);
        assertEquals(4138, second.globalId());
        assertEquals(190, second.resultBl().length);
        assertArrayEquals(Captured.front(tickets), Captured.front(codec.encode(second, 0)));
        assertEquals("MAuthReply{protocol=2 result=0 global_id=4138 result_bl=190B msg=''}", second.toString());
    }
}
