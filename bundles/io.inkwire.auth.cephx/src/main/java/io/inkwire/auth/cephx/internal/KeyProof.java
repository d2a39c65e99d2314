package io.inkwire.auth.cephx.internal;

import io.inkwire.wire.CephEncoder;

/**
 * The client's proof of its long-term key, the {@code key} field of CephXAuthenticate
 * (CephxProtocol.cc cephx_calc_client_server_challenge): encrypt(CephXChallengeBlob{server_challenge,
 * client_challenge}) with the u32 length prefix, then XOR of its little-endian u64 words while
 * eight bytes remain (36 bytes: words at 0, 8, 16, 24).
 */
public final class KeyProof {

    private KeyProof() {
    }

    public static long compute(CephxCipher cipher, CephxKey secret, long serverChallenge, long clientChallenge) {
        CephEncoder enc = new CephEncoder(64);
        cipher.encrypt(enc, secret, e -> e.u64(serverChallenge).u64(clientChallenge));
        byte[] b = enc.toByteArray();
        long k = 0;
        for (int pos = 0; pos + 8 <= b.length; pos += 8) {
            long w = 0;
            for (int i = 7; i >= 0; i--) {
                w = (w << 8) | (b[pos + i] & 0xffL);
            }
            k ^= w;
        }
        return k;
    }
}
