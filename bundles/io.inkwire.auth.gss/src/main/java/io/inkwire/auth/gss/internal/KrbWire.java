package io.inkwire.auth.gss.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * Ceph's gss framing ({@code src/auth/krb/KrbProtocol.hpp}): {@code KrbRequest} and
 * {@code KrbResponse} are a bare {@code u16} code ({@code GSSAuthenticationRequest}), a
 * {@code KrbTokenBlob} is {@code u8 1} followed by a bufferlist ({@code u32} length + the GSS token).
 */
final class KrbWire {

    /** {@code GSS_CRYPTO_ERR}. */
    static final int GSS_CRYPTO_ERR = 1;
    /** {@code GSS_MUTUAL}: the monitor's first answer, "start the mutual exchange". */
    static final int GSS_MUTUAL = 0x100;
    /** {@code GSS_TOKEN}: a {@code KrbTokenBlob} follows. */
    static final int GSS_TOKEN = 0x200;

    /** The leading byte of a {@code KrbTokenBlob} ({@code KrbTokenBlob::encode}). */
    private static final int TOKEN_BLOB_VALUE = 1;

    private KrbWire() {
    }

    static CephEncoder code(CephEncoder e, int code) {
        return e.u16(code);
    }

    static CephEncoder tokenBlob(CephEncoder e, byte[] token) {
        return e.u8(TOKEN_BLOB_VALUE).bytes(token);
    }

    /** {@code KrbRequest} / {@code KrbResponse}: the code, which must be {@code expected}. */
    static void expectCode(CephDecoder d, int expected, String what) throws AuthException {
        int code = decode(d::u16, what);
        if (code != expected) {
            throw new AuthException(AuthException.EPERM, "gss: " + what + " has code 0x" + Integer.toHexString(code)
                    + ", expected 0x" + Integer.toHexString(expected) + " (" + name(expected) + ")");
        }
    }

    /** A {@code KrbTokenBlob}. */
    static byte[] tokenBlob(CephDecoder d, String what) throws AuthException {
        int v = decode(d::u8, what);
        if (v != TOKEN_BLOB_VALUE) {
            throw new AuthException(AuthException.EPERM, "gss: " + what + ": KrbTokenBlob starts with " + v + ", expected 1");
        }
        byte[] token = decode(d::bytes, what);
        if (token.length == 0) {
            throw new AuthException(AuthException.EPERM, "gss: " + what + ": empty Kerberos token");
        }
        return token;
    }

    static void expectEnd(CephDecoder d, String what) throws AuthException {
        if (d.hasRemaining()) {
            throw new AuthException(AuthException.EPERM, "gss: " + what + ": " + d.remaining() + " unexpected trailing bytes");
        }
    }

    static String name(int code) {
        switch (code) {
            case GSS_CRYPTO_ERR: return "GSS_CRYPTO_ERR";
            case GSS_MUTUAL: return "GSS_MUTUAL";
            case GSS_TOKEN: return "GSS_TOKEN";
            default: return "unknown";
        }
    }

    interface Read<T> {
        T read() throws ProtocolException;
    }

    /** Ceph's handlers answer undecodable auth payloads with -EPERM. */
    static <T> T decode(Read<T> r, String what) throws AuthException {
        try {
            return r.read();
        } catch (ProtocolException e) {
            throw new AuthException(AuthException.EPERM, "gss: malformed " + what + ": " + e.getMessage(), e);
        }
    }
}
