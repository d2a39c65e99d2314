package io.inkwire.rados.striper;

import java.util.List;

/**
 * One RADOS object's part of a striped range, as Ceph's {@code ObjectExtent}: the bytes
 * [{@code offset}, {@code offset + length}) of object number {@code objectNo}, which hold the
 * pieces of the caller's buffer listed in {@code bufferExtents} (in object order).
 */
public record ObjectExtent(long objectNo, long offset, long length, List<BufferExtent> bufferExtents) {

    /** {@code length} bytes of the caller's buffer from {@code offset} (relative to the range's start). */
    public record BufferExtent(long offset, long length) {
    }

    public ObjectExtent {
        bufferExtents = List.copyOf(bufferExtents);
    }
}
