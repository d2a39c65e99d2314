package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code CephXAuthorize}, the encrypted tail of an authorizer: {@code u8 2, u64 nonce, bool
 * have_challenge, u64 server_challenge_plus_one} (v1 had only the nonce).
 */
public record Authorize(long nonce, boolean haveChallenge, long serverChallengePlusOne) {

    public static Authorize decode(CephDecoder d) throws ProtocolException {
        int v = d.u8();
        long nonce = d.u64();
        if (v < 2) {
            return new Authorize(nonce, false, 0);
        }
        boolean have = d.bool();
        return new Authorize(nonce, have, d.u64());
    }

    public void encode(CephEncoder e) {
        e.u8(2).u64(nonce).bool(haveChallenge).u64(serverChallengePlusOne);
    }
}
