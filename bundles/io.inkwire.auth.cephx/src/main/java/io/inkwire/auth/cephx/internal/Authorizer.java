package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * A cephx authorizer (CephxProtocol.cc build_authorizer / cephx_verify_authorizer):
 * <pre>
 * u8  1                  AUTH_MODE_AUTHORIZER (the msgr2 auth mode byte)
 * u64 global_id
 * u32 service_id         the service the ticket is for (OSD 4, MGR 0x10, AUTH 0x20 for renewals, ...)
 * CephXTicketBlob        the service ticket exactly as the monitor issued it
 * encrypt(CephXAuthorize, ticket session key)
 * </pre>
 * It is the AUTH_REQUEST(_MORE) payload towards a service and the body of a
 * CEPHX_GET_PRINCIPAL_SESSION_KEY request.
 */
public record Authorizer(long globalId, int serviceId, TicketBlob ticket, byte[] encryptedAuthorize) {

    /** Auth modes 1..9 carry an authorizer (Auth.h AUTH_MODE_AUTHORIZER_MAX). */
    static final int AUTH_MODE_AUTHORIZER_MAX = 9;

    /** Encodes an authorizer whose CephXAuthorize is encrypted with {@code sessionKey}. */
    public static byte[] build(CephxCipher cipher, long globalId, int serviceId, TicketBlob ticket,
                               CephxKey sessionKey, Authorize authorize) {
        CephEncoder e = new CephEncoder(64 + ticket.blob().length);
        encode(e, cipher, globalId, serviceId, ticket, sessionKey, authorize);
        return e.toByteArray();
    }

    static void encode(CephEncoder e, CephxCipher cipher, long globalId, int serviceId, TicketBlob ticket,
                       CephxKey sessionKey, Authorize authorize) {
        e.u8(AuthProvider.AUTH_MODE_AUTHORIZER).u64(globalId).u32(Integer.toUnsignedLong(serviceId));
        ticket.encode(e);
        cipher.encrypt(e, sessionKey, authorize::encode);
    }

    public static Authorizer decode(CephDecoder d) throws ProtocolException {
        int mode = d.u8();
        if (mode < AuthProvider.AUTH_MODE_AUTHORIZER || mode > AUTH_MODE_AUTHORIZER_MAX) {
            throw d.error("auth mode " + mode + " is not an authorizer");
        }
        long globalId = d.u64();
        int serviceId = (int) d.u32();
        TicketBlob ticket = TicketBlob.decode(d);
        return new Authorizer(globalId, serviceId, ticket, d.bytes());
    }

    /** Decrypts the CephXAuthorize with the session key found in the ticket. */
    public Authorize open(CephxCipher cipher, CephxKey sessionKey) throws AuthException {
        try (CephxCipher.Plaintext p = cipher.decBl(sessionKey, encryptedAuthorize, "authorizer")) {
            return Authorize.decode(p.decoder());
        } catch (ProtocolException e) {
            throw new AuthException(AuthException.EACCES, "cephx: authorizer: undecodable CephXAuthorize", e);
        }
    }

    @Override
    public String toString() {
        return "Authorizer{globalId=" + globalId + ", serviceId=0x" + Integer.toHexString(serviceId) + ", " + ticket + "}";
    }
}
