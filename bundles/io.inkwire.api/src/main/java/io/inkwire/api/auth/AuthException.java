package io.inkwire.api.auth;

import java.io.IOException;

/**
 * Authentication failed. {@link #errno()} is the negative Linux errno Ceph would report
 * ({@code -13} EACCES for a bad key or unknown entity, {@code -95} EOPNOTSUPP for no common
 * method or mode). Messages never contain key material.
 */
public class AuthException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@code -EACCES}. */
    public static final int EACCES = -13;
    /** {@code -EINVAL}. */
    public static final int EINVAL = -22;
    /** {@code -EPERM}. */
    public static final int EPERM = -1;
    /** {@code -ENOENT}. */
    public static final int ENOENT = -2;
    /** {@code -EOPNOTSUPP}. */
    public static final int EOPNOTSUPP = -95;
    /** {@code -EBUSY}. */
    public static final int EBUSY = -16;

    private final int errno;

    public AuthException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public AuthException(int errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
