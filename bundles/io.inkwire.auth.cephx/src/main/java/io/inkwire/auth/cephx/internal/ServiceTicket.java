package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code CephXServiceTicket}, the part of a ticket the principal can read: {@code u8 1,
 * CryptoKey session_key, utime_t validity} (validity is a duration).
 */
public record ServiceTicket(CephxKey sessionKey, Utime validity) {

    public static ServiceTicket decode(CephDecoder d) throws ProtocolException {
        d.u8();
        CephxKey key = CephxKey.decode(d);
        return new ServiceTicket(key, Utime.decode(d));
    }

    public void encode(CephEncoder e) {
        e.u8(1);
        sessionKey.encode(e);
        validity.encode(e);
    }
}
