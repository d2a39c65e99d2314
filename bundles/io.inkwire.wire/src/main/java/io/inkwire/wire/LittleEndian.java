package io.inkwire.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Absolute little-endian reads and writes on a buffer of either byte order: what the per-frame
 * structures (preamble, epilogue, {@code ceph_msg_header2}) use to be read and written in place,
 * without a view of the buffer set to little-endian.
 */
final class LittleEndian {

    private LittleEndian() {
    }

    static int getLe16(ByteBuffer b, int at) {
        short v = b.getShort(at);
        return (b.order() == ByteOrder.LITTLE_ENDIAN ? v : Short.reverseBytes(v)) & 0xffff;
    }

    static int getLe32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long getLe64(ByteBuffer b, int at) {
        long v = b.getLong(at);
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
    }

    static void putLe16(ByteBuffer b, int at, int v) {
        b.putShort(at, b.order() == ByteOrder.LITTLE_ENDIAN ? (short) v : Short.reverseBytes((short) v));
    }

    static void putLe32(ByteBuffer b, int at, int v) {
        b.putInt(at, b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v));
    }
}
