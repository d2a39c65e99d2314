package io.inkwire.monclient;

import io.inkwire.api.Errno;

/**
 * The monitor answered a command with an error; {@link #r()} is its negative errno. The message is
 * the monitor's status line and the errno, {@code "unknown command (EINVAL -22)"}, or the errno's
 * text when the monitor gave no status line.
 */
public class MonCommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int r;

    public MonCommandException(int r, String rs) {
        super(message(Errno.of(r), rs));
        this.r = r;
    }

    private static String message(Errno e, String rs) {
        return (rs == null || rs.isEmpty() ? "the monitor refused the command: " + e.strerror() : rs) + " (" + e.shortForm() + ")";
    }

    public int r() {
        return r;
    }

    public Errno errno() {
        return Errno.of(r);
    }
}
