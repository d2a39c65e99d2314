package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code CephXAuthenticate}: {@code u8 3, u64 client_challenge, u64 key, CephXTicketBlob
 * old_ticket, u32 other_keys}. v1 lacks other_keys; v1 and v2 senders are "legacy" clients that
 * may omit the old ticket on reconnect (CephxProtocol.h).
 */
public record Authenticate(int version, long clientChallenge, long key, TicketBlob oldTicket, int otherKeys) {

    public static final int VERSION = 3;

    public static Authenticate decode(CephDecoder d) throws ProtocolException {
        int v = d.u8();
        long clientChallenge = d.u64();
        long key = d.u64();
        TicketBlob old = TicketBlob.decode(d);
        int other = v >= 2 ? (int) d.u32() : 0;
        return new Authenticate(v, clientChallenge, key, old, other);
    }

    public void encode(CephEncoder e) {
        e.u8(VERSION).u64(clientChallenge).u64(key);
        oldTicket.encode(e);
        e.u32(Integer.toUnsignedLong(otherKeys));
    }

    /** Whether a v3+ client must present its old ticket when reclaiming a global id. */
    public boolean oldTicketMayBeOmitted() {
        return version < 3;
    }
}
