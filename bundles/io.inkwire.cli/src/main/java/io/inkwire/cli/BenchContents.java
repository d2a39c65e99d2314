package io.inkwire.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a {@code rados bench} op writes, and a read expects back ({@code src/common/obj_bencher.cc}):
 * {@code op_size} bytes of {@code 'z'} over which {@code snprintf(buf, op_size, "I'm the %16dth
 * op!", n)} wrote the op's number, its terminating NUL included, so that seq and rand can check
 * each read against the op that wrote it.
 */
final class BenchContents {

    /**
     * What the rest of a read is compared with, piece by piece: {@code 'z'}s, as many as one
     * {@code mismatch} call compares. Small enough to stay in the CPU's cache, so that only the read
     * streams from memory (a 4 MiB template would be streamed too, twice the traffic). And the JDK's
     * vectorised comparison is an intrinsic only where a compiled caller calls it: one call per 4 MiB
     * read left its callers interpreted, the comparison a Java loop, for the first hundred or more
     * reads of a run (a tenth of a second of a short seq run); in pieces, within the first read.
     */
    private static final byte[] ZS = new byte[16 << 10];

    static {
        Arrays.fill(ZS, (byte) 'z');
    }

    private final int opSize;
    /** 'z' everywhere but where the NUL after the 30-character text falls. */
    private final byte[] template;

    BenchContents(int opSize) {
        this.opSize = opSize;
        this.template = new byte[opSize];
        Arrays.fill(template, (byte) 'z');
        if (opSize > 30) {
            template[30] = 0;
        }
    }

    int opSize() {
        return opSize;
    }

    /** A new buffer holding op {@code n}'s contents. */
    byte[] newBuffer(int n) {
        byte[] b = template.clone();
        stamp(b, n);
        return b;
    }

    /**
     * A new direct buffer holding op {@code n}'s contents: what the bench writes from, so that a
     * large payload goes to the socket without a copy (the messenger references native memory).
     */
    ByteBuffer newDirectBuffer(int n) {
        ByteBuffer b = ByteBuffer.allocateDirect(opSize).put(template).flip();
        stamp(b, n);
        return b;
    }

    /** {@link #stamp(byte[], int)} over a buffer made by {@link #newDirectBuffer}, with absolute puts. */
    void stamp(ByteBuffer buffer, int n) {
        byte[] text = text(n);
        int len = Math.min(text.length, opSize - 1);
        if (len < 0) {
            return;
        }
        buffer.put(0, text, 0, len).put(len, (byte) 0);
    }

    /** Writes op {@code n}'s text (and its NUL) over the start of a buffer made by {@link #newBuffer}. */
    void stamp(byte[] buffer, int n) {
        byte[] text = text(n);
        int len = Math.min(text.length, opSize - 1);
        if (len < 0) {
            return; // op_size 0: snprintf writes nothing
        }
        System.arraycopy(text, 0, buffer, 0, len);
        buffer[len] = 0;
    }

    /** Whether a read returned exactly op {@code n}'s contents. */
    boolean matches(ByteBuffer read, int n) {
        if (read.remaining() != opSize) {
            return false;
        }
        byte[] text = text(n);
        int len = Math.min(text.length, opSize - 1);
        if (len < 0) {
            return true;
        }
        int p = read.position();
        for (int i = 0; i < len; i++) {
            if (read.get(p + i) != text[i]) {
                return false;
            }
        }
        if (read.get(p + len) != 0) {
            return false;
        }
        // the template holds only 'z' after the NUL; one view of the read, moved from piece to piece
        ByteBuffer zs = ByteBuffer.wrap(ZS);
        ByteBuffer rest = read.duplicate();
        for (int from = len + 1; from < opSize; from += ZS.length) {
            int piece = Math.min(ZS.length, opSize - from);
            rest.limit(p + from + piece).position(p + from);
            if (rest.mismatch(zs.limit(piece)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code "I'm the %16dth op!"} of {@code n}, byte by byte: no Formatter or StringBuilder per op. */
    private static byte[] text(int n) {
        String digits = Integer.toString(n);
        int pad = Math.max(0, 16 - digits.length());
        byte[] t = new byte[TEXT_HEAD.length + pad + digits.length() + TEXT_TAIL.length];
        System.arraycopy(TEXT_HEAD, 0, t, 0, TEXT_HEAD.length);
        int at = TEXT_HEAD.length;
        Arrays.fill(t, at, at + pad, (byte) ' ');
        at += pad;
        for (int i = 0; i < digits.length(); i++) {
            t[at++] = (byte) digits.charAt(i);
        }
        System.arraycopy(TEXT_TAIL, 0, t, at, TEXT_TAIL.length);
        return t;
    }

    private static final byte[] TEXT_HEAD = "I'm the ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_TAIL = "th op!".getBytes(StandardCharsets.US_ASCII);
}
