package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MAuth;
import io.inkwire.codec.mon.MAuthReply;
import io.inkwire.codec.mon.MCommand;
import io.inkwire.codec.mon.MCommandReply;
import io.inkwire.codec.mon.MMonCommand;
import io.inkwire.codec.mon.MMonCommandAck;
import io.inkwire.protocol.MessengerCore;
import io.inkwire.protocol.MonAuthOverMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The msgr1 engine against a real Ceph 16.2 monitor and OSD bound to v1 only (cephx), driven over
 * plain blocking sockets: the monitor session authenticates with MAuth/MAuthReply and runs
 * {@code status}; the OSD session carries the cephx authorizer (with its CEPHX_V2 challenge),
 * signs its messages, and answers an MCommand.
 */
class Msgr1AgainstCephTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("v1", 13350, 16839).auth("cephx").msgr("v1").osd();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void status_over_msgr1_with_cephx_in_mauth_then_an_osd_command_over_a_signed_msgr1_session() throws Exception {
        MessengerConfig config = Providers.forLab(LAB.conf(), CephConfig.empty()).build();
        MessageCodecs codecs = config.codecs();
        List<EntityAddrVec> mons = Providers.monitors(LAB.conf());
        EntityAddr mon = mons.get(0).legacy().orElseThrow();
        assertEquals(LAB.portV1(), mon.port());
        UUID fsid = UUID.fromString(LAB.ceph("fsid").out().trim());

        try (MessengerCore core = new MessengerCore(config)) {
            String osdFind;
            try (Msgr1SocketClient m = new Msgr1SocketClient(core, mon, EntityType.MON, TIMEOUT)) {
                ConnectionInfo info = m.awaitReady();
                assertEquals("msgr1", info.protocol());
                assertTrue(info.summary().contains("proto=msgr1"), info.summary());

                long features = info.features();
                try (MonAuthOverMessages auth = new MonAuthOverMessages(core)) {
                    Optional<MonAuthOverMessages.Request> next = Optional.of(auth.start());
                    while (next.isPresent()) {
                        MonAuthOverMessages.Request r = next.get();
                        m.send(codecs.encode(new MAuth(r.protocol(), r.payload(), 0), features));
                        RawMessage raw = m.await(x -> x.type() == MAuthReply.CEPH_MSG_AUTH_REPLY);
                        MAuthReply reply = codecs.decode(raw, features, MAuthReply.class);
                        next = auth.handleReply(reply.protocol(), reply.result(), reply.globalId(), reply.resultBl());
                    }
                    assertEquals("cephx", auth.method().orElseThrow().name());
                    assertTrue(auth.result().globalId() > 0);
                    assertEquals(auth.result().globalId(), core.globalId());
                }

                MMonCommandAck status = monCommand(m, codecs, features, fsid, 1, "{\"prefix\": \"status\", \"format\": \"json\"}");
                assertEquals(0, status.r(), status.rs());
                String json = new String(status.output(), StandardCharsets.UTF_8);
                assertTrue(json.contains("\"fsid\":\"" + fsid + "\""), json);

                MMonCommandAck find = monCommand(m, codecs, features, fsid, 2, "{\"prefix\": \"osd find\", \"id\": 0, \"format\": \"json\"}");
                assertEquals(0, find.r(), find.rs());
                osdFind = new String(find.output(), StandardCharsets.UTF_8);
            }
            // "addrvec":[{"type":"v1","addr":"127.0.0.1:6801","nonce":1234}]
            Matcher a = Pattern.compile("\"type\":\\s*\"v1\",\\s*\"addr\":\\s*\"([0-9.]+:\\d+)\",\\s*\"nonce\":\\s*(\\d+)").matcher(osdFind);
            assertTrue(a.find(), osdFind);
            EntityAddr osd = EntityAddr.parse("v1:" + a.group(1) + "/" + a.group(2));

            try (Msgr1SocketClient o = new Msgr1SocketClient(core, osd, EntityType.OSD, TIMEOUT)) {
                ConnectionInfo info = o.awaitReady();
                assertEquals("cephx", info.authMethod());
                assertEquals(EntityType.OSD, info.peerType());
                o.send(codecs.encode(new MCommand(1, fsid, List.of("{\"prefix\": \"version\"}"), new byte[0]), info.features()));
                RawMessage raw = o.await(x -> x.type() == MCommandReply.MSG_COMMAND_REPLY);
                MCommandReply reply = codecs.decode(raw, info.features(), MCommandReply.class);
                assertEquals(0, reply.r(), reply.rs());
                String out = new String(reply.output(), StandardCharsets.UTF_8);
                assertTrue(out.contains("\"version\"") && out.contains("16.2"), out);
                assertEquals(4, raw.flags() & 4, "the OSD signs its messages on a cephx msgr1 session");
            }
        }
    }

    private static MMonCommandAck monCommand(Msgr1SocketClient m, MessageCodecs codecs, long features, UUID fsid, long tid, String cmd)
            throws Exception {
        m.send(codecs.encode(new MMonCommand(tid, fsid, List.of(cmd), new byte[0]), features));
        RawMessage raw = m.await(x -> x.type() == MMonCommandAck.MSG_MON_COMMAND_ACK && x.tid() == tid);
        return codecs.decode(raw, features, MMonCommandAck.class);
    }
}
