package io.inkwire.api;

import java.io.IOException;

/**
 * The peer broke the protocol: a malformed or out-of-order frame, a bad checksum, a length over a
 * limit. The connection that saw it is closed; other connections are unaffected.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
