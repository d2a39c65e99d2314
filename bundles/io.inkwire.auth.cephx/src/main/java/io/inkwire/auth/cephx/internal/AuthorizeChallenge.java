package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code CephXAuthorizeChallenge}: {@code u8 1, u64 server_challenge}; a service's AUTH_REPLY_MORE
 * payload as bare ciphertext ({@code enc_bl}, no length prefix) under the ticket's session key.
 */
public record AuthorizeChallenge(long serverChallenge) {

    public static AuthorizeChallenge decode(CephDecoder d) throws ProtocolException {
        d.u8();
        return new AuthorizeChallenge(d.u64());
    }

    public void encode(CephEncoder e) {
        e.u8(1).u64(serverChallenge);
    }
}
