package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code CephXServiceTicketInfo}, what the service reads from the ticket blob after decrypting it
 * with its service secret: {@code u8 1, AuthTicket ticket, CryptoKey session_key}.
 */
public record ServiceTicketInfo(AuthTicket ticket, CephxKey sessionKey) {

    public static ServiceTicketInfo decode(CephDecoder d) throws ProtocolException {
        d.u8();
        AuthTicket t = AuthTicket.decode(d);
        return new ServiceTicketInfo(t, CephxKey.decode(d));
    }

    public void encode(CephEncoder e) {
        e.u8(1);
        ticket.encode(e);
        sessionKey.encode(e);
    }
}
