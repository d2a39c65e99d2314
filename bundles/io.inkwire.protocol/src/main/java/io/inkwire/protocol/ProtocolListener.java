package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.message.RawMessage;

/**
 * Events of one session, raised by the engine of its current socket on that socket's I/O thread,
 * with the {@link Session} locked.
 */
public interface ProtocolListener {

    /** The handshake completed. */
    default void onReady(ConnectionInfo info) {
    }

    /**
     * The handshake completed on a socket; {@code resumed} when it continues an existing session
     * (SESSION_RECONNECT_OK, or a resumed establishment) rather than opening a new one.
     */
    default void onReady(ConnectionInfo info, boolean resumed) {
        if (!resumed) {
            onReady(info);
        }
    }

    /**
     * A message arrived in order. The listener takes over the message's one reference: it
     * {@link RawMessage#release() releases} it once done (the Netty transport does so after the
     * application's dispatcher returned), which gives its receive buffer back to the pool; a
     * listener that never releases leaves the buffer to the garbage collector.
     */
    void onMessage(RawMessage message);

    /** A KEEPALIVE2_ACK arrived, echoing the stamp we sent. */
    void onKeepaliveAck(long stampSec, int stampNsec);

    /**
     * The socket of a lossless session failed; the session survives (its unacknowledged messages
     * are requeued) and a new socket may resume it. The connector's transport dials again.
     */
    default void onFault(Throwable cause) {
    }

    /** The peer had forgotten our lossless session (SESSION_RESET full): queued messages were dropped. */
    default void onRemoteReset() {
    }

    /**
     * This provisional (accepted, not yet identified) session was dropped because its socket
     * resumed an existing session instead; nothing was reported for it and nothing will be.
     */
    default void onDiscarded() {
    }

    /** The session ended; {@code cause} is null for an orderly close. */
    void onClosed(Throwable cause);
}
