package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code CephXAuthorizeReply}: {@code u8 v, u64 nonce_plus_one} and, in v2 (sent only when there
 * is a connection secret), {@code string connection_secret}. Proves the service holds the session key.
 */
public record AuthorizeReply(long noncePlusOne, byte[] connectionSecret) {

    /** Upper bound for a connection secret (secure mode needs 64). */
    static final int MAX_SECRET = 4096;

    public static AuthorizeReply decode(CephDecoder d) throws ProtocolException {
        int v = d.u8();
        long n = d.u64();
        byte[] secret = new byte[0];
        if (v >= 2) {
            secret = d.bytes();
            if (secret.length > MAX_SECRET) {
                throw d.error("connection secret of " + secret.length + " bytes");
            }
        }
        return new AuthorizeReply(n, secret);
    }

    public void encode(CephEncoder e) {
        boolean v2 = connectionSecret.length > 0;
        e.u8(v2 ? 2 : 1).u64(noncePlusOne);
        if (v2) {
            e.bytes(connectionSecret);
        }
    }

    @Override
    public String toString() {
        return "AuthorizeReply{noncePlusOne=" + Long.toUnsignedString(noncePlusOne, 16)
                + ", connectionSecret=" + connectionSecret.length + " bytes}";
    }
}
