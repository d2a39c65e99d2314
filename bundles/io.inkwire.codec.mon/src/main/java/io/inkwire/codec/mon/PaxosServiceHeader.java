package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * The prefix every {@code PaxosServiceMessage} payload starts with ({@code src/messages/PaxosServiceMessage.h},
 * {@code paxos_encode}): {@code u64 version}, {@code s16 deprecated_session_mon}, {@code u64 deprecated_session_mon_tid}.
 * Clients send 0, −1, 0; nothing inkwire does depends on the values received, so they are read and dropped.
 */
final class PaxosServiceHeader {

    /** Bytes on the wire. */
    static final int LENGTH = 18;

    private PaxosServiceHeader() {
    }

    static void encode(CephEncoder e) {
        e.u64(0).u16(-1).u64(0);
    }

    static void skip(CephDecoder d) throws ProtocolException {
        d.u64();
        d.s16();
        d.u64();
    }
}
