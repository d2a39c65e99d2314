package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.message.RawMessage;

/** Events of one connection's engine, on its I/O thread. */
public interface ProtocolListener {

    /** The handshake completed. */
    void onReady(ConnectionInfo info);

    /** A message arrived in order. */
    void onMessage(RawMessage message);

    /** A KEEPALIVE2_ACK arrived, echoing the stamp we sent. */
    void onKeepaliveAck(long stampSec, int stampNsec);

    /** The engine closed the connection; {@code cause} is null for an orderly close. */
    void onClosed(Throwable cause);
}
