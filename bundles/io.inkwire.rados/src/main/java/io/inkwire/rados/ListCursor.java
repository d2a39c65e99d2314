package io.inkwire.rados;

import java.util.Arrays;

/**
 * Where a pool listing stands: the placement group being listed and the OSD's cursor inside it
 * (an encoded hobject_t, opaque to the caller; empty at the start of a PG). {@link #START} begins
 * at the first PG. Cursors are values: keep one to resume a listing later.
 */
public record ListCursor(int pgSeed, byte[] position) {

    /** The beginning of the pool. */
    public static final ListCursor START = new ListCursor(0, new byte[0]);

    public ListCursor {
        if (pgSeed < 0) {
            throw new IllegalArgumentException("pg seed " + pgSeed);
        }
        position = position.clone();
    }

    @Override
    public byte[] position() {
        return position.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListCursor c && c.pgSeed == pgSeed && Arrays.equals(c.position, position);
    }

    @Override
    public int hashCode() {
        return 31 * pgSeed + Arrays.hashCode(position);
    }

    @Override
    public String toString() {
        return "ListCursor{pg " + pgSeed + ", " + position.length + " bytes}";
    }
}
