package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.v1.MessageFooterV1;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * cephx message signatures on msgr1 ({@code CephxSessionHandler::_calc_signature},
 * {@code src/auth/cephx/CephxSessionHandler.cc}; msgr2-wire.md §11.8): a connection that used a
 * cephx authorizer signs every message with the service session key once the crcs are final.
 *
 * <ul>
 *   <li>with {@code CEPHX_V2}: AES-128-CBC over 8 × le32 {header crc, front crc, front length,
 *       middle crc, middle length, data crc, data length, low word of seq}; the signature is the
 *       XOR of the first four le64 words of the ciphertext;</li>
 *   <li>before it: AES-128-CBC over {@code u8 1, le64 AUTH_ENC_MAGIC, le32 16} and the four crcs;
 *       the signature is the first le64 of the ciphertext.</li>
 * </ul>
 * The key is wiped by {@link #destroy()}; it never appears in messages or logs.
 */
final class CephxMessageSigner {

    /** {@code CEPH_AES_IV}. */
    private static final byte[] CEPH_AES_IV = "cephsageyudagreg".getBytes(StandardCharsets.US_ASCII);
    /** {@code AUTH_ENC_MAGIC}. */
    private static final long AUTH_ENC_MAGIC = 0xff009cad8826aa55L;

    private final byte[] key;
    private final boolean cephxV2;

    CephxMessageSigner(byte[] sessionKey, boolean cephxV2) {
        if (sessionKey.length != 16) {
            throw new IllegalArgumentException("cephx session key of " + sessionKey.length + " bytes, expected 16");
        }
        this.key = sessionKey.clone();
        this.cephxV2 = cephxV2;
    }

    /** The signature of a message with these header crc, footer crcs and lengths. */
    long sign(int headerCrc, MessageFooterV1 footer, long frontLength, long middleLength, long dataLength, long seq)
            throws ProtocolException {
        ByteBuffer b = ByteBuffer.allocate(cephxV2 ? 32 : 29).order(ByteOrder.LITTLE_ENDIAN);
        if (cephxV2) {
            b.putInt(headerCrc).putInt(footer.frontCrc()).putInt((int) frontLength).putInt(footer.middleCrc())
                    .putInt((int) middleLength).putInt(footer.dataCrc()).putInt((int) dataLength).putInt((int) seq);
        } else {
            b.put((byte) 1).putLong(AUTH_ENC_MAGIC).putInt(16)
                    .putInt(headerCrc).putInt(footer.frontCrc()).putInt(footer.middleCrc()).putInt(footer.dataCrc());
        }
        byte[] enc = encrypt(b.array());
        ByteBuffer e = ByteBuffer.wrap(enc).order(ByteOrder.LITTLE_ENDIAN);
        if (!cephxV2) {
            return e.getLong(0);
        }
        return e.getLong(0) ^ e.getLong(8) ^ e.getLong(16) ^ e.getLong(24);
    }

    private byte[] encrypt(byte[] plain) throws ProtocolException {
        SecretKeySpec k = new SecretKeySpec(key, "AES");
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(CEPH_AES_IV));
            return c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("cannot compute the cephx message signature: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}
