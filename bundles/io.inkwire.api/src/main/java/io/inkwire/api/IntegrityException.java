package io.inkwire.api;

/** A checksum or authentication tag did not verify: the bytes were corrupted or tampered with. */
public class IntegrityException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
