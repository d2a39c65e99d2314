package io.inkwire.wire.message;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * The prefix every {@code PaxosServiceMessage} front starts with ({@code src/messages/PaxosServiceMessage.h},
 * {@code paxos_encode}): {@code u64 version}, {@code s16 deprecated_session_mon}, {@code u64 deprecated_session_mon_tid}.
 * Messages to and from a monitor's services carry it (MMonCommand, MAuth, MPoolOp, MStatfs, …).
 * Clients send the two deprecated fields as −1 and 0; nothing inkwire does depends on the values
 * received, so they are read and dropped.
 */
public final class PaxosServiceHeader {

    private PaxosServiceHeader() {
    }

    /** The prefix with {@code version} 0, what a client sends unless the message says otherwise. */
    public static void encode(CephEncoder e) {
        encode(e, 0);
    }

    /**
     * The prefix with {@code version}: the epoch of the service's map the sender has seen, where the
     * message defines one (MPoolOp sends the Objecter's last seen osdmap epoch).
     */
    public static void encode(CephEncoder e, long version) {
        e.u64(version).u16(-1).u64(0);
    }

    /** Reads past the prefix. */
    public static void skip(CephDecoder d) throws ProtocolException {
        d.u64();
        d.s16();
        d.u64();
    }
}
