package io.inkwire.mode.secure.internal;

import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.Preambles;

/**
 * Sizes of a msgr2.1 secure frame ({@code FrameAssembler::asm_secure_rev1} in
 * {@code src/msg/async/frames_v2.cc}; kernel {@code net/ceph/messenger_v2.c}). Segments are
 * zero-padded to 16 bytes and the preamble carries the unpadded lengths.
 *
 * <pre>
 * block A (always)               GCM( preamble(32) || padded(seg0)[0,48), zero-filled ) + tag = 96
 * block B (padded(len0) &gt; 48)    GCM( padded(seg0)[48, padded(len0)) ) + tag
 * block C (num_segments &gt; 1)     GCM( padded(seg1) || padded(seg2) || padded(seg3) || epilogue(16) ) + tag
 * </pre>
 */
public final class SecureRev1Layout {

    /** {@code CRYPTO_BLOCK_SIZE}: segments are padded to this. */
    public static final int CRYPTO_BLOCK_SIZE = 16;
    /** {@code FRAME_PREAMBLE_INLINE_SIZE}: bytes of segment 0 sealed with the preamble. */
    public static final int FRAME_PREAMBLE_INLINE_SIZE = 48;
    /** {@code CEPH_GCM_TAG_LEN}. */
    public static final int TAG_LENGTH = GcmChannel.TAG_LENGTH;
    /** Plaintext of block A: preamble + inline area. */
    public static final int BLOCK_A_PLAINTEXT_LENGTH = Preambles.PREAMBLE_LENGTH + FRAME_PREAMBLE_INLINE_SIZE;
    /** {@code CEPH_PREAMBLE_SECURE_LEN} = 32 + 48 + 16. */
    public static final int PREAMBLE_SECURE_LENGTH = BLOCK_A_PLAINTEXT_LENGTH + TAG_LENGTH;
    /** {@code sizeof(epilogue_secure_rev1_block_t)}: late_status + 15 bytes of padding. */
    public static final int EPILOGUE_SECURE_LENGTH = CRYPTO_BLOCK_SIZE;

    private SecureRev1Layout() {
    }

    /** {@code len} rounded up to 16 (0 stays 0). */
    public static long padded(long len) {
        return (len + CRYPTO_BLOCK_SIZE - 1) & -CRYPTO_BLOCK_SIZE;
    }

    /** Bytes of block B (ciphertext + tag), 0 when segment 0 fits the inline area. */
    public static long blockBLength(Preamble p) {
        long pad0 = padded(p.length(0));
        return pad0 > FRAME_PREAMBLE_INLINE_SIZE ? pad0 - FRAME_PREAMBLE_INLINE_SIZE + TAG_LENGTH : 0;
    }

    /** Plaintext of block C: the padded segments 1..3 and the epilogue; 0 for a one-segment frame. */
    public static long blockCPlaintextLength(Preamble p) {
        if (p.numSegments() < 2) {
            return 0;
        }
        long n = 0;
        for (int i = 1; i < p.numSegments(); i++) {
            n += padded(p.length(i));
        }
        return n + EPILOGUE_SECURE_LENGTH;
    }

    /** Bytes of block C (ciphertext + tag), 0 for a one-segment frame. */
    public static long blockCLength(Preamble p) {
        return p.numSegments() < 2 ? 0 : blockCPlaintextLength(p) + TAG_LENGTH;
    }

    /** Bytes after block A. */
    public static long remainderLength(Preamble p) {
        return blockBLength(p) + blockCLength(p);
    }

    /** Bytes of the whole frame on the wire. */
    public static long frameLength(Preamble p) {
        return PREAMBLE_SECURE_LENGTH + remainderLength(p);
    }

    /** GCM operations (so nonces) per frame: 1 + [padded(len0) &gt; 48] + [num_segments &gt; 1]. */
    public static int gcmOperations(Preamble p) {
        return 1 + (blockBLength(p) > 0 ? 1 : 0) + (p.numSegments() > 1 ? 1 : 0);
    }
}
