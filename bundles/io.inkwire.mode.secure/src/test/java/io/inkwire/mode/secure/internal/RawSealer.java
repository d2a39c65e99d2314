package io.inkwire.mode.secure.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent sender for crafting frames the codec would never produce: plain JCE AES-GCM
 * with the key and a nonce taken straight from the secret, counter bumped per block.
 */
final class RawSealer {

    private final SecretKeySpec key;
    private final byte[] nonce;
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    /** @param nonceOffset 16 to play the server (server-to-client nonce), 28 to play the client */
    RawSealer(byte[] secret, int nonceOffset) {
        key = new SecretKeySpec(secret, 0, 16, "AES");
        nonce = java.util.Arrays.copyOfRange(secret, nonceOffset, nonceOffset + 12);
    }

    /** Seals one block (one GCM operation) and appends it to the wire. */
    RawSealer block(byte[] plaintext) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        wire.writeBytes(c.doFinal(plaintext));
        ByteBuffer n = ByteBuffer.wrap(nonce).order(ByteOrder.LITTLE_ENDIAN);
        n.putLong(4, n.getLong(4) + 1);
        return this;
    }

    byte[] wire() {
        return wire.toByteArray();
    }

    /** A 32-byte preamble with a valid crc (seed 0), lengths as given. */
    static byte[] preamble(int tag, long[] lengths, int[] alignments) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) tag).put((byte) lengths.length);
        for (int i = 0; i < 4; i++) {
            b.putInt(i < lengths.length ? (int) lengths[i] : 0);
            b.putShort((short) (i < lengths.length ? alignments[i] : 0));
        }
        b.put((byte) 0).put((byte) 0);
        b.putInt(io.inkwire.wire.Crc32c.compute(io.inkwire.wire.Crc32c.SEED_ZERO, ByteBuffer.wrap(b.array(), 0, 28)));
        return b.array();
    }

    /** Block A plaintext: the preamble and 48 bytes of inline area. */
    static byte[] blockA(byte[] preamble, byte[] inline) {
        byte[] a = new byte[80];
        System.arraycopy(preamble, 0, a, 0, 32);
        System.arraycopy(inline, 0, a, 32, Math.min(48, inline.length));
        return a;
    }
}
