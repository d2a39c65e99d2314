package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A service ticket reply (CephxProtocol.cc cephx_build_service_ticket_reply /
 * CephXTicketManager::verify_service_ticket_reply):
 * <pre>
 * u8 1, u32 num, num x {
 *   u32 service_id
 *   u8  1
 *   encrypt(CephXServiceTicket, principal key)     client secret for the AUTH ticket, else the AUTH session key
 *   u8  ticket_enc
 *   ticket_enc ? encrypt(bufferlist(CephXTicketBlob), old AUTH session key) : bufferlist(CephXTicketBlob)
 * }
 * </pre>
 */
public final class ServiceTicketReply {

    /** Smallest encoded entry: service id, version, two empty length-prefixed fields, ticket_enc. */
    private static final int MIN_ENTRY = 4 + 1 + 4 + 1 + 4;

    /** One ticket the server hands out. */
    public record Grant(int serviceId, ServiceTicket ticket, TicketBlob blob) {
    }

    /** One ticket a client received: the session key and validity it can read, and the opaque blob. */
    public record Received(int serviceId, CephxKey sessionKey, Utime validity, TicketBlob blob) {
    }

    private ServiceTicketReply() {
    }

    /**
     * @param ticketEncKey when not null, each ticket blob is encrypted with it (renewing an AUTH
     *                     ticket with a valid old one: the old session key)
     */
    public static void encode(CephEncoder out, CephxCipher cipher, CephxKey principalKey, List<Grant> grants,
                              CephxKey ticketEncKey) {
        out.u8(1).u32(grants.size());
        for (Grant g : grants) {
            out.u32(Integer.toUnsignedLong(g.serviceId())).u8(1);
            cipher.encrypt(out, principalKey, g.ticket()::encode);
            CephEncoder tb = new CephEncoder(32 + g.blob().blob().length);
            g.blob().encode(tb);
            byte[] ticketBl = tb.toByteArray();
            if (ticketEncKey != null) {
                out.u8(1);
                cipher.encrypt(out, ticketEncKey, e -> e.bytes(ticketBl));
            } else {
                out.u8(0).bytes(ticketBl);
            }
        }
    }

    /**
     * Decrypts every entry; a wrong key is an {@link AuthException} (EACCES), a malformed reply
     * one with EPERM. The caller owns (and destroys) the received session keys.
     *
     * @param ticketEncKey the key for encrypted ticket blobs (the current AUTH session key), or null
     */
    public static List<Received> decode(CephDecoder in, CephxCipher cipher, CephxKey principalKey,
                                        CephxKey ticketEncKey) throws AuthException {
        List<Received> out = new ArrayList<>();
        try {
            in.u8();
            int n = in.count("service tickets", MIN_ENTRY);
            for (int i = 0; i < n; i++) {
                int serviceId = (int) in.u32();
                in.u8();
                ServiceTicket st;
                try (CephxCipher.Plaintext p = cipher.decrypt(in, principalKey, "service ticket 0x" + Integer.toHexString(serviceId))) {
                    st = ServiceTicket.decode(p.decoder());
                }
                int ticketEnc = in.u8();
                // owned by the list from here on, so a later failure wipes it too
                Received partial = new Received(serviceId, st.sessionKey(), st.validity(), TicketBlob.EMPTY);
                out.add(partial);
                byte[] ticketBl;
                if (ticketEnc != 0) {
                    if (ticketEncKey == null) {
                        throw new AuthException(AuthException.EACCES,
                                "cephx: ticket reply holds an encrypted ticket but there is no previous session key");
                    }
                    try (CephxCipher.Plaintext p = cipher.decrypt(in, ticketEncKey, "encrypted ticket blob")) {
                        ticketBl = p.decoder().bytes();
                    }
                } else {
                    ticketBl = in.bytes();
                }
                TicketBlob blob = TicketBlob.decode(new CephDecoder(ticketBl, "cephx ticket blob"));
                out.set(out.size() - 1, new Received(serviceId, st.sessionKey(), st.validity(), blob));
            }
            return out;
        } catch (ProtocolException e) {
            destroyAll(out);
            throw Malformed.of(e);
        } catch (AuthException e) {
            destroyAll(out);
            throw e;
        }
    }

    public static void destroyAll(List<Received> tickets) {
        for (Received r : tickets) {
            r.sessionKey().destroy();
        }
    }
}
