package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/** {@code CephXServerChallenge}: {@code u8 1, u64 server_challenge}; a monitor's AUTH_REPLY_MORE payload. */
public record ServerChallenge(long serverChallenge) {

    public static ServerChallenge decode(CephDecoder d) throws ProtocolException {
        d.u8();
        return new ServerChallenge(d.u64());
    }

    public void encode(CephEncoder e) {
        e.u8(1).u64(serverChallenge);
    }
}
