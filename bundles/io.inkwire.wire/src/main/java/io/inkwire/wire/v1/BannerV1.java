package io.inkwire.wire.v1;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.wire.Banner;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The msgr1 greeting ({@code ProtocolV1::send_server_banner} / {@code handle_server_banner_and_identify}):
 * both sides send the 9 bytes {@code ceph v027}; the server follows them with its own address and
 * the client's address as it sees the socket, the client answers with its own address — all in
 * the 136-byte legacy {@code entity_addr_t} form.
 */
public final class BannerV1 {

    /** {@code CEPH_BANNER}: {@code ceph v027}, no terminator. */
    public static final int LENGTH = Banner.CEPH_BANNER_V1.length;
    /** What a server sends and a client reads first: banner, server address, client address. */
    public static final int SERVER_GREETING_LENGTH = LENGTH + 2 * EntityAddrCodec.LEGACY_ADDR_LEN;
    /** What a client sends and a server reads first: banner, client address. */
    public static final int CLIENT_GREETING_LENGTH = LENGTH + EntityAddrCodec.LEGACY_ADDR_LEN;

    private BannerV1() {
    }

    /** The server's greeting: banner, {@code mine}, {@code peerAsSeen}. */
    public static byte[] encodeServer(EntityAddr mine, EntityAddr peerAsSeen) {
        CephEncoder e = new CephEncoder(SERVER_GREETING_LENGTH);
        e.raw(Banner.CEPH_BANNER_V1);
        EntityAddrCodec.encodeLegacy(e, mine);
        EntityAddrCodec.encodeLegacy(e, peerAsSeen);
        return e.toByteArray();
    }

    /** The client's banner alone (sent on connect, before the server's greeting arrives). */
    public static byte[] encodeClientBanner() {
        return Banner.CEPH_BANNER_V1.clone();
    }

    /** The client's address after the banner. */
    public static byte[] encodeAddr(EntityAddr mine) {
        CephEncoder e = new CephEncoder(EntityAddrCodec.LEGACY_ADDR_LEN);
        EntityAddrCodec.encodeLegacy(e, mine);
        return e.toByteArray();
    }

    /**
     * Checks the 9 banner bytes at the buffer's position and consumes them. A msgr2 peer is named as
     * such (its banner starts {@code ceph v2}), so that a v1 connector reaching a v2-only port says so.
     */
    public static void checkBanner(ByteBuffer in) throws ProtocolException {
        if (in.remaining() < LENGTH) {
            throw new ProtocolException("msgr1 banner truncated: " + in.remaining() + " bytes");
        }
        byte[] got = new byte[LENGTH];
        in.get(got);
        if (!Arrays.equals(got, Banner.CEPH_BANNER_V1)) {
            throw new ProtocolException(describeForeignBanner(got));
        }
    }

    /** Names what a wrong banner is: a msgr2 peer, or something else (printable ASCII shown, the rest as hex). */
    public static String describeForeignBanner(byte[] got) {
        byte[] v2 = Banner.CEPH_BANNER_V2_PREFIX;
        boolean isV2 = got.length >= 7 && Arrays.equals(Arrays.copyOf(got, 7), Arrays.copyOf(v2, 7));
        if (isV2) {
            return "peer speaks msgr2 (banner 'ceph v2'), not msgr1: connect to its v2: address instead";
        }
        return "bad msgr1 banner " + printable(got) + ", expected 'ceph v027'";
    }

    private static String printable(byte[] b) {
        boolean ascii = true;
        for (byte x : b) {
            ascii &= x >= 0x20 && x < 0x7f;
        }
        if (ascii) {
            return "'" + new String(b, StandardCharsets.US_ASCII) + "'";
        }
        StringBuilder sb = new StringBuilder("0x");
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    /** Reads one legacy address (136 bytes). */
    public static EntityAddr decodeAddr(ByteBuffer in) throws ProtocolException {
        CephDecoder d = new CephDecoder(in.slice(in.position(), EntityAddrCodec.LEGACY_ADDR_LEN), "msgr1 banner address");
        EntityAddr a = EntityAddrCodec.decodeLegacy(d);
        in.position(in.position() + EntityAddrCodec.LEGACY_ADDR_LEN);
        return a;
    }
}
