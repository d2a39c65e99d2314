package io.inkwire.protocol;

import static io.inkwire.protocol.WireBytes.banner;
import static io.inkwire.protocol.WireBytes.concat;
import static io.inkwire.protocol.WireBytes.flip;
import static io.inkwire.protocol.WireBytes.frame;
import static io.inkwire.protocol.WireBytes.preamble;
import static io.inkwire.protocol.WireBytes.rawControl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.IntegrityException;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.Frame;
import io.inkwire.protocol.EngineHarness.Endpoint;
import io.inkwire.wire.Banner;
import io.inkwire.wire.MessageHeader2;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.AuthBadMethodFrame;
import io.inkwire.wire.frame.AuthDoneFrame;
import io.inkwire.wire.frame.AuthReplyMoreFrame;
import io.inkwire.wire.frame.AuthRequestFrame;
import io.inkwire.wire.frame.AuthRequestMoreFrame;
import io.inkwire.wire.frame.AuthSignatureFrame;
import io.inkwire.wire.frame.ClientIdentFrame;
import io.inkwire.wire.frame.ControlFrames;
import io.inkwire.wire.frame.HelloFrame;
import io.inkwire.wire.frame.IdentMissingFeaturesFrame;
import io.inkwire.wire.frame.Keepalive2Frame;
import io.inkwire.wire.frame.ServerIdentFrame;
import io.inkwire.wire.frame.AckFrame;
import io.inkwire.wire.frame.SessionReconnectFrame;
import io.inkwire.wire.frame.SessionReconnectOkFrame;
import io.inkwire.wire.frame.SessionResetFrame;
import io.inkwire.wire.frame.SessionRetryFrame;
import io.inkwire.wire.frame.SessionRetryGlobalFrame;
import io.inkwire.wire.frame.WaitFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and out-of-order bytes from a scripted peer. Every case must end the connection with a
 * typed exception whose message names the problem, delivered once to onClosed, with the transport
 * closed, and without the engine ever asking for a read sized from the hostile field.
 */
class ProtocolV2HostileInputTest {

    enum Side { ACCEPTOR, CONNECTOR }

    /** @param maxWanted the largest read the engine may ask for while consuming the script */
    record Case(String name, Side side, byte[] script, Class<? extends Exception> type, String message, int maxWanted) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---------------------------------------------------------------- valid building blocks (see the control tests below)

    static final EntityAddr CLIENT_ADDR = new EntityAddr(AddrType.ANY, 1234, EngineHarness.loopback(), 0);
    static final byte[] BANNER = banner();
    static final byte[] HELLO_FROM_CLIENT = frame(new HelloFrame(EntityType.CLIENT, EngineHarness.MON_ADDR));
    static final byte[] HELLO_FROM_MON = frame(new HelloFrame(EntityType.MON, EntityAddr.msgr2("127.0.0.1", 55460)));
    static final byte[] AUTH_REQUEST = frame(new AuthRequestFrame(AuthProvider.CEPH_AUTH_NONE, List.of(1),
            WireBytes.noneAuthPayload(EntityName.CLIENT_ADMIN)));
    static final byte[] AUTH_DONE = frame(new AuthDoneFrame(4242, 1, new byte[0]));
    /** auth none has no session key: the signature is 32 zero bytes. */
    static final byte[] SIGNATURE = frame(new AuthSignatureFrame(new byte[AuthSignatureFrame.SIGNATURE_LENGTH]));
    static final byte[] CLIENT_IDENT = clientIdent(EngineHarness.MON_ADDR, CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT);
    static final byte[] SERVER_IDENT = serverIdent(EntityAddrVec.of(EngineHarness.MON_ADDR), CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT);

    /** What a well-behaved client sends up to a ready session. */
    static final byte[] CLIENT_TO_READY = concat(BANNER, HELLO_FROM_CLIENT, AUTH_REQUEST, SIGNATURE, CLIENT_IDENT);
    /** What a well-behaved monitor sends up to a ready session. */
    static final byte[] MON_TO_READY = concat(BANNER, HELLO_FROM_MON, AUTH_DONE, SIGNATURE, SERVER_IDENT);

    static byte[] clientIdent(EntityAddr target, long features) {
        return frame(new ClientIdentFrame(EntityAddrVec.of(CLIENT_ADDR), target, -1, 1, features, CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT,
                CephFeatures.CEPH_MSG_CONNECT_LOSSY, 0));
    }

    static byte[] serverIdent(EntityAddrVec addrs, long features) {
        return frame(new ServerIdentFrame(addrs, 0, 1, features, CephFeatures.CEPH_FEATURES_REQUIRED_DEFAULT, CephFeatures.CEPH_MSG_CONNECT_LOSSY, 0));
    }

    static byte[] message(int frontLength) {
        MessageHeader2 h = new MessageHeader2(1, 0, 0x100, 127, 1, 0, 0, 0, 3, 1);
        return frame(Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(h.encode()), ByteBuffer.allocate(frontLength)},
                new int[] {8, 8}), 1);
    }

    static byte[] twoSegmentHello() {
        byte[] hello = payloadOf(new HelloFrame(EntityType.CLIENT, EngineHarness.MON_ADDR));
        return frame(Frame.of(Tag.HELLO, new ByteBuffer[] {ByteBuffer.wrap(hello), ByteBuffer.wrap(new byte[] {1, 2, 3, 4})},
                new int[] {8, 8}), 1);
    }

    /** Segment 0 of a control frame, from the frame's own encoder. */
    static byte[] payloadOf(io.inkwire.wire.frame.ControlFrame c) {
        ByteBuffer b = c.toFrame().segment(0);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    static byte[] helloPayloadWithType(int type) {
        byte[] p = payloadOf(new HelloFrame(EntityType.CLIENT, EngineHarness.MON_ADDR));
        p[0] = (byte) type;
        return p;
    }

    static byte[] authRequests(int n) {
        byte[] one = frame(new AuthRequestFrame(AuthProvider.CEPH_AUTH_CEPHX, List.of(1), new byte[0]));
        byte[][] all = new byte[n][];
        java.util.Arrays.fill(all, one);
        return concat(all);
    }

    static Case acc(String name, byte[] script, Class<? extends Exception> type, String message, int maxWanted) {
        return new Case(name, Side.ACCEPTOR, script, type, message, maxWanted);
    }

    static Case con(String name, byte[] script, Class<? extends Exception> type, String message, int maxWanted) {
        return new Case(name, Side.CONNECTOR, script, type, message, maxWanted);
    }

    static final int SMALL = 256;
    static final Class<ProtocolException> PE = ProtocolException.class;
    static final Class<IntegrityException> IE = IntegrityException.class;

    static Stream<Case> cases() {
        byte[] pre = concat(BANNER, HELLO_FROM_CLIENT);
        byte[] authed = concat(pre, AUTH_REQUEST, SIGNATURE);
        byte[] ready = CLIENT_TO_READY;
        byte[] conPre = concat(BANNER, HELLO_FROM_MON);
        byte[] conAuthed = concat(conPre, AUTH_DONE, SIGNATURE);
        byte[] tamperedSig = new byte[AuthSignatureFrame.SIGNATURE_LENGTH];
        tamperedSig[5] = 1;
        byte[] twoSeg = twoSegmentHello();
        return Stream.of(
                // ---- banner
                acc("garbage banner", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), PE, "not a msgr2 banner", 10),
                acc("msgr1 banner", concat("ceph v027".getBytes(StandardCharsets.US_ASCII), new byte[136]), PE, "msgr1", 10),
                acc("banner payload length 65535", concat(Banner.CEPH_BANNER_V2_PREFIX, new byte[] {(byte) 0xff, (byte) 0xff}, new byte[64]),
                        PE, "banner payload length 65535", 10),
                acc("banner payload length 0", concat(Banner.CEPH_BANNER_V2_PREFIX, new byte[] {0, 0}, new byte[16]), PE, "payload length 0", 10),
                acc("peer requires unknown msgr2 features", banner(0xff, 1L << 40), PE, "requires msgr2 features 0x10000000000", 16),
                con("peer requires unknown msgr2 features (connector)", banner(1, 1L << 2), PE, "requires msgr2 features 0x4", 16),
                // ---- preamble
                acc("bad preamble crc", concat(BANNER, flip(HELLO_FROM_CLIENT, 29, 0x01)), IE, "preamble crc mismatch", 32),
                acc("preamble field flipped under its crc", concat(BANNER, flip(HELLO_FROM_CLIENT, 2, 0x40)), IE, "preamble crc mismatch", 32),
                acc("unknown tag 99", concat(BANNER, preamble(99, 8), new byte[12]), PE, "unknown tag 99", 32),
                acc("tag 0", concat(BANNER, preamble(0, 8), new byte[12]), PE, "unknown tag 0", 32),
                acc("segment length 2^31", concat(BANNER, preamble(Tag.HELLO, 1L << 31)), PE, "length 2147483648 exceeds the limit", 32),
                acc("segment length 0xffffffff in segment 3", concat(BANNER, preamble(Tag.MESSAGE, 4, new long[] {41, 0, 0, 0xffffffffL},
                        new int[] {8, 8, 8, 4096}, 0)), PE, "segment 3 length 4294967295 exceeds the limit", 32),
                acc("num_segments 5", concat(BANNER, preamble(Tag.HELLO, 5, new long[] {8, 0, 0, 0}, new int[] {8, 0, 0, 0}, 0)), PE,
                        "with 5 segments", 32),
                acc("num_segments 0", concat(BANNER, preamble(Tag.HELLO, 0, new long[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0}, 0)), PE,
                        "with 0 segments", 32),
                acc("descriptor of an uncounted segment", concat(BANNER, preamble(Tag.HELLO, 1, new long[] {36, 16, 0, 0}, new int[] {8, 8, 0, 0}, 0)),
                        PE, "descriptor of uncounted segment 1 is not zero", 32),
                acc("alignment of an uncounted segment", concat(BANNER, preamble(Tag.HELLO, 1, new long[] {36, 0, 0, 0}, new int[] {8, 0, 0, 8}, 0)),
                        PE, "descriptor of uncounted segment 3 is not zero", 32),
                acc("last counted segment empty", concat(BANNER, preamble(Tag.HELLO, 2, new long[] {36, 0, 0, 0}, new int[] {8, 8, 0, 0}, 0)),
                        PE, "last counted segment 1 is empty", 32),
                acc("unknown preamble flag", concat(BANNER, preamble(Tag.HELLO, 1, new long[] {36, 0, 0, 0}, new int[] {8, 0, 0, 0}, 0x80)),
                        PE, "unknown preamble flags 0x80", 32),
                acc("compressed frame without compression", concat(BANNER, preamble(Tag.HELLO, 1, new long[] {36, 0, 0, 0}, new int[] {8, 0, 0, 0}, 1)),
                        PE, "compression was not negotiated", 32),
                acc("control frame over the control frame limit", concat(BANNER, preamble(Tag.HELLO, 2 << 20)), PE,
                        "HELLO frame of 2097152 bytes exceeds the control frame limit of 1048576", 32),
                acc("MESSAGE before AUTH_DONE announcing 200 MB", concat(pre, preamble(Tag.MESSAGE, 2, new long[] {41, 200 << 20, 0, 0},
                        new int[] {8, 8, 0, 0}, 0)), PE, "MESSAGE frame in state AUTH (before the handshake completed)", 64),
                // ---- segments
                acc("bad segment crc", concat(BANNER, flip(HELLO_FROM_CLIENT, -1, 0x80)), IE, "HELLO: segment 0 crc mismatch", SMALL),
                acc("payload byte flipped under its crc", concat(BANNER, flip(HELLO_FROM_CLIENT, 40, 0x01)), IE, "segment 0 crc mismatch", SMALL),
                acc("bad late_status", concat(BANNER, flip(twoSeg, -13, 0x0e)), PE, "bad late_status 0x00", SMALL),
                acc("bad epilogue crc of segment 1", concat(BANNER, flip(twoSeg, -9, 0x01)), IE, "segment 1 crc mismatch", SMALL),
                acc("control frame with two segments", concat(BANNER, twoSeg), PE, "HELLO frame with 2 segments; a control frame has one", SMALL),
                // ---- payloads
                acc("HELLO with 3 bytes", concat(BANNER, rawControl(Tag.HELLO, new byte[] {8, 1, 1})), PE, "HELLO: truncated", SMALL),
                acc("HELLO with an unknown entity type", concat(BANNER, rawControl(Tag.HELLO, helloPayloadWithType(0x55))),
                        PE, "HELLO: unknown entity type 85", SMALL),
                acc("AUTH_REQUEST with a mode count of 2^30", concat(pre, rawControl(Tag.AUTH_REQUEST, WireBytes.hex("01000000 00000040 01000000"))),
                        PE, "count 1073741824 exceeds", SMALL),
                acc("AUTH_REQUEST truncated payload length", concat(pre, rawControl(Tag.AUTH_REQUEST, WireBytes.hex("01000000 01000000 01000000 ffffff7f"))),
                        PE, "AUTH_REQUEST: bufferlist length count 2147483647 exceeds", SMALL),
                // ---- order
                acc("CLIENT_IDENT before HELLO", concat(BANNER, CLIENT_IDENT), PE, "unexpected CLIENT_IDENT frame in state HELLO (acceptor)", SMALL),
                acc("duplicate HELLO", concat(pre, HELLO_FROM_CLIENT), PE, "unexpected HELLO frame in state AUTH (acceptor)", SMALL),
                acc("CLIENT_IDENT before auth", concat(pre, CLIENT_IDENT), PE, "unexpected CLIENT_IDENT frame in state AUTH (acceptor)", SMALL),
                acc("MESSAGE before AUTH_DONE", concat(pre, message(8)), PE, "MESSAGE frame in state AUTH (before the handshake completed)", SMALL),
                acc("MESSAGE between AUTH_DONE and AUTH_SIGNATURE", concat(pre, AUTH_REQUEST, message(8)), PE, "MESSAGE frame in state AUTH_SIGN", SMALL),
                acc("AUTH_REQUEST_MORE before AUTH_REQUEST", concat(pre, frame(new AuthRequestMoreFrame(new byte[] {1, 2, 3}))), PE,
                        "AUTH_REQUEST_MORE before AUTH_REQUEST", SMALL),
                acc("AUTH_SIGNATURE tampered", concat(pre, AUTH_REQUEST, frame(new AuthSignatureFrame(tamperedSig))), IE,
                        "AUTH_SIGNATURE mismatch", SMALL),
                acc("CLIENT_IDENT instead of AUTH_SIGNATURE", concat(pre, AUTH_REQUEST, CLIENT_IDENT), PE,
                        "unexpected CLIENT_IDENT frame in state AUTH_SIGN", SMALL),
                acc("AUTH_REQUEST after the last allowed attempt", concat(pre, authRequests(ProtocolV2.MAX_AUTH_ATTEMPTS + 1)), PE,
                        "AUTH_REQUESTs without agreeing on a method", SMALL),
                acc("KEEPALIVE2 before CLIENT_IDENT", concat(authed, frame(new Keepalive2Frame(1, 2))), PE,
                        "unexpected KEEPALIVE2 frame in state SESSION (acceptor)", SMALL),
                acc("CLIENT_IDENT targeting another address", concat(authed, clientIdent(EntityAddr.msgr2("127.0.0.1", 3301),
                        CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT)), PE, "is not one of our addresses", SMALL),
                acc("CLIENT_IDENT without an address", concat(authed, frame(new ClientIdentFrame(EntityAddrVec.of(), EngineHarness.MON_ADDR, -1, 1,
                        CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT, 0, 1, 0))), PE, "CLIENT_IDENT without an address", SMALL),
                acc("HELLO on an established session", concat(ready, HELLO_FROM_CLIENT), PE, "unexpected HELLO frame on an established session", SMALL),
                acc("MESSAGE with a short header", concat(ready, frame(Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.allocate(10)}, new int[] {8}), 1)),
                        PE, "MESSAGE header is 10 bytes, expected 41", SMALL),
                // ---- connector
                con("HELLO from the wrong entity type", concat(BANNER, frame(new HelloFrame(EntityType.OSD, EntityAddr.msgr2("127.0.0.1", 1)))), PE,
                        "peer is a osd, expected a mon", SMALL),
                con("MESSAGE before AUTH_DONE (connector)", concat(conPre, message(8)), PE, "MESSAGE frame in state AUTH", SMALL),
                con("AUTH_DONE picking a mode we did not offer", concat(conPre, frame(new AuthDoneFrame(1, 2, new byte[0]))), PE,
                        "AUTH_DONE picked connection mode 2, which we did not offer", SMALL),
                con("AUTH_REPLY_MORE to auth none", concat(conPre, frame(new AuthReplyMoreFrame(new byte[] {1}))), AuthException.class,
                        "auth none has no second round", SMALL),
                con("AUTH_BAD_METHOD with EACCES", concat(conPre, frame(new AuthBadMethodFrame(1, AuthException.EACCES, List.of(1), List.of(1)))),
                        AuthException.class, "authentication refused by the mon (EACCES -13)", SMALL),
                con("AUTH_SIGNATURE tampered (connector)", concat(conPre, AUTH_DONE, frame(new AuthSignatureFrame(tamperedSig))), IE,
                        "AUTH_SIGNATURE mismatch", SMALL),
                con("SERVER_IDENT without the target address", concat(conAuthed, serverIdent(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 6789)),
                        CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT)), PE, "do not include the address we dialed, v2:127.0.0.1:3300/0", SMALL),
                con("SERVER_IDENT lacking MSG_ADDR2", concat(conAuthed, serverIdent(EntityAddrVec.of(EngineHarness.MON_ADDR),
                        CephFeatures.CEPH_FEATURES_SUPPORTED_DEFAULT & ~CephFeatures.MSG_ADDR2)), PE, "peer lacks required features 0x800000000000000", SMALL),
                con("IDENT_MISSING_FEATURES", concat(conAuthed, frame(new IdentMissingFeaturesFrame(1L << 62))), PE,
                        "the mon requires features 0x4000000000000000 that inkwire does not advertise", SMALL),
                con("SESSION_RESET on a lossy session", concat(conAuthed, frame(new SessionResetFrame(true))), PE,
                        "SESSION_RESET on a lossy session", SMALL),
                con("SESSION_RECONNECT_OK in reply to CLIENT_IDENT", concat(conAuthed, frame(new SessionReconnectOkFrame(7))), PE,
                        "SESSION_RECONNECT_OK in reply to CLIENT_IDENT", SMALL),
                con("SESSION_RETRY in reply to CLIENT_IDENT", concat(conAuthed, frame(new SessionRetryFrame(3))), PE,
                        "SESSION_RETRY in reply to CLIENT_IDENT", SMALL),
                con("SESSION_RETRY_GLOBAL in reply to CLIENT_IDENT", concat(conAuthed, frame(new SessionRetryGlobalFrame(3))), PE,
                        "SESSION_RETRY_GLOBAL in reply to CLIENT_IDENT", SMALL),
                con("WAIT in reply to CLIENT_IDENT", concat(conAuthed, frame(new WaitFrame())), PE, "asked us to WAIT", SMALL),
                con("ACK before SERVER_IDENT", concat(conAuthed, frame(new AckFrame(1))), PE, "unexpected ACK in reply to CLIENT_IDENT", SMALL),
                con("duplicate SERVER_IDENT", concat(MON_TO_READY, SERVER_IDENT), PE, "unexpected SERVER_IDENT frame on an established session", SMALL),
                acc("duplicate CLIENT_IDENT", concat(ready, CLIENT_IDENT), PE, "unexpected CLIENT_IDENT frame on an established session", SMALL),
                acc("SESSION_RECONNECT without an address", concat(authed, frame(new SessionReconnectFrame(EntityAddrVec.of(), 1, 2, 3, 4, 5))), PE,
                        "SESSION_RECONNECT without an address", SMALL),
                acc("SESSION_RECONNECT_OK sent by a client", concat(authed, frame(new SessionReconnectOkFrame(1))), PE,
                        "unexpected SESSION_RECONNECT_OK frame in state SESSION (acceptor)", SMALL),
                acc("MESSAGE over inkwire_max_message_bytes", concat(ready, preamble(Tag.MESSAGE, 2, new long[] {41, 256L << 20, 0, 0},
                        new int[] {8, 8, 0, 0}, 0)), PE, "exceeds the message limit of 268435456 (inkwire_max_message_bytes)", SMALL),

                con("MESSAGE with data_pre_padding_len", concat(MON_TO_READY, frame(Frame.of(Tag.MESSAGE, new ByteBuffer[] {ByteBuffer.wrap(
                        new MessageHeader2(1, 0, 0x100, 127, 1, 0xffffff, 0, 0, 3, 1).encode())}, new int[] {8}), 1)), PE,
                        "data_pre_padding_len 16777215", SMALL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostile_input_ends_the_connection_with_a_clear_error(Case c) {
        Endpoint e = c.side == Side.ACCEPTOR ? EngineHarness.acceptor(EngineHarness.options(), c.name.hashCode())
                : EngineHarness.connector(EngineHarness.options(), c.name.hashCode());
        e.engine.start();
        e.feed(c.script);

        assertTrue(e.engine.isClosed(), c.name + ": still open in state " + e.engine.state() + ", wanting " + e.engine.bytesWanted());
        assertEquals(1, e.listener.closedCalls, "onClosed exactly once");
        Throwable cause = e.listener.closedCause;
        assertInstanceOf(c.type, cause, String.valueOf(cause));
        assertTrue(cause.getMessage().contains(c.message), "message \"" + cause.getMessage() + "\" should contain \"" + c.message + "\"");
        assertFalse(cause.getMessage().startsWith("internal error"), cause.getMessage());
        assertFalse(cause.getMessage().matches("(?s)(\\w+): \\1: .*"), "context named twice: " + cause.getMessage());
        assertTrue(e.transport.closed, "transport closed");
        assertTrue(e.maxWanted <= c.maxWanted, "engine asked for " + e.maxWanted + " bytes (bound " + c.maxWanted + ")");

        // once closed, more bytes and more closes change nothing
        int written = e.transport.written().length;
        e.engine.onBytes(ByteBuffer.wrap(c.script));
        e.engine.onTransportClosed(null);
        e.engine.close();
        assertEquals(1, e.listener.closedCalls);
        assertEquals(written, e.transport.written().length, "nothing written after the close");
    }

    /**
     * Each case is a case of its own: no name shown twice in the report, and no script given twice
     * to the same side under two names (an empty source fails by itself: JUnit refuses a
     * parameterized test without arguments).
     */
    @Test
    void no_two_cases_are_the_same() {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Map<String, String> scripts = new java.util.HashMap<>();
        cases().forEach(c -> {
            assertTrue(names.add(c.name), "two cases named " + c.name);
            String previous = scripts.put(c.side + java.util.HexFormat.of().formatHex(c.script), c.name);
            assertTrue(previous == null, c.name + " repeats the script of " + previous);
        });
    }

    // ---------------------------------------------------------------- controls: the building blocks are valid

    @Test
    void the_scripted_client_reaches_ready_on_an_acceptor() {
        Endpoint e = EngineHarness.acceptor(EngineHarness.options(), 1);
        e.engine.start();
        e.feed(concat(CLIENT_TO_READY, message(8)));
        assertTrue(e.engine.isReady(), String.valueOf(e.listener.closedCause));
        assertEquals(EntityName.CLIENT_ADMIN, e.engine.authenticatedEntity());
        assertEquals(1, e.listener.messages.size());
        assertEquals(8, e.listener.messages.get(0).frontLength());
    }

    @Test
    void the_scripted_monitor_reaches_ready_on_a_connector() {
        Endpoint e = EngineHarness.connector(EngineHarness.options(), 2);
        e.engine.start();
        e.feed(concat(MON_TO_READY, message(3)));
        assertTrue(e.engine.isReady(), String.valueOf(e.listener.closedCause));
        assertEquals(4242, e.listener.ready.globalId());
        assertEquals(1, e.listener.messages.size());
    }

    @Test
    void client_ident_missing_features_gets_ident_missing_features_and_the_session_stays_open() throws Exception {
        Endpoint e = EngineHarness.acceptor(EngineHarness.options(), 3);
        e.engine.start();
        e.feed(concat(BANNER, HELLO_FROM_CLIENT, AUTH_REQUEST, SIGNATURE, clientIdent(EngineHarness.MON_ADDR, 1)));
        assertFalse(e.engine.isClosed());
        assertFalse(e.engine.isReady());
        List<Frame> out = WireBytes.parseStream(e.transport.written(), 1);
        Frame last = out.get(out.size() - 1);
        assertEquals(Tag.IDENT_MISSING_FEATURES, last.tag());
        long missing = ((IdentMissingFeaturesFrame) ControlFrames.decode(last)).features();
        assertEquals(CephFeatures.MSG_ADDR2, missing & CephFeatures.MSG_ADDR2);
        // a corrected CLIENT_IDENT completes the session
        e.feed(CLIENT_IDENT);
        assertTrue(e.engine.isReady(), String.valueOf(e.listener.closedCause));
    }

    @Test
    void unsupported_auth_method_gets_auth_bad_method_listing_what_is_allowed() throws Exception {
        Endpoint e = EngineHarness.acceptor(EngineHarness.options("ms_mon_service_mode", "secure crc"), 4);
        e.engine.start();
        e.feed(concat(BANNER, HELLO_FROM_CLIENT, frame(new AuthRequestFrame(AuthProvider.CEPH_AUTH_NONE, List.of(2),
                WireBytes.noneAuthPayload(EntityName.CLIENT_ADMIN)))));
        assertFalse(e.engine.isClosed());
        List<Frame> out = WireBytes.parseStream(e.transport.written(), 1);
        AuthBadMethodFrame bad = (AuthBadMethodFrame) ControlFrames.decode(out.get(out.size() - 1));
        assertEquals(AuthException.EOPNOTSUPP, bad.result());
        assertEquals(List.of(1), bad.allowedModes(), "secure needs a secret auth none cannot give: crc only");
        // the retry with crc succeeds
        e.feed(concat(AUTH_REQUEST, SIGNATURE, CLIENT_IDENT));
        assertTrue(e.engine.isReady(), String.valueOf(e.listener.closedCause));
    }

    @Test
    void peer_eof_during_the_handshake_is_reported_as_such() {
        Endpoint e = EngineHarness.acceptor(EngineHarness.options(), 5);
        e.engine.start();
        e.feed(concat(BANNER, java.util.Arrays.copyOf(HELLO_FROM_CLIENT, 20)));
        e.engine.onTransportClosed(null);
        ProtocolException pe = assertInstanceOf(ProtocolException.class, e.listener.closedCause);
        assertTrue(pe.getMessage().contains("closed by the peer during the handshake (state HELLO)"), pe.getMessage());
        assertTrue(e.transport.closed);
    }

    @Test
    void send_after_close_is_refused() {
        Endpoint e = EngineHarness.connector(EngineHarness.options(), 6);
        e.engine.start();
        e.feed(concat(BANNER, preamble(0, 8)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> e.engine.send(RawMessage.builder(1).build()));
    }
}
