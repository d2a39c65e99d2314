package io.inkwire.monclient;

/** The monitor answered a command with an error; {@link #r()} is its negative errno. */
public class MonCommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int r;

    public MonCommandException(int r, String rs) {
        super(rs == null || rs.isEmpty() ? "monitor returned error " + r : rs + " (error " + r + ")");
        this.r = r;
    }

    public int r() {
        return r;
    }
}
