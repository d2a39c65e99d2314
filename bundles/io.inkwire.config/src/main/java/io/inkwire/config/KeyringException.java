package io.inkwire.config;

import io.inkwire.api.auth.AuthException;

/**
 * No usable key: says which of the {@link Reason}s, names the file and entity, never shows key
 * material. {@link #errno()} is what Ceph reports for the same failure.
 */
public class KeyringException extends AuthException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The named keyring or key file does not exist ({@code -ENOENT}). */
        MISSING_FILE(ENOENT),
        /** The file exists but cannot be read ({@code -EACCES}). */
        UNREADABLE_FILE(EACCES),
        /** None of the files in the {@code keyring} search list exists ({@code -ENOENT}). */
        NO_KEYRING_FOUND(ENOENT),
        /** The keyring has no key for the entity ({@code -ENOENT}). */
        NO_SUCH_ENTITY(ENOENT),
        /** A key is not a valid base64 {@code CryptoKey} ({@code -EINVAL}). */
        MALFORMED_KEY(EINVAL),
        /** The keyring file is not a plaintext keyring ({@code -EINVAL}). */
        MALFORMED_KEYRING(EINVAL);

        private final int errno;

        Reason(int errno) {
            this.errno = errno;
        }
    }

    private final Reason reason;

    public KeyringException(Reason reason, String message) {
        super(reason.errno, message);
        this.reason = reason;
    }

    public KeyringException(Reason reason, String message, Throwable cause) {
        super(reason.errno, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
