package io.inkwire.api.message;

import io.inkwire.api.ProtocolException;

/** A message payload that does not decode: truncated, a bad length, an unsupported version. */
public class MessageDecodeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MessageDecodeException(String message) {
        super(message);
    }

    public MessageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
