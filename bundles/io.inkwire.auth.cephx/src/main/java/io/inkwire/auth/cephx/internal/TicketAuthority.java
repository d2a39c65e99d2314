package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthException;
import java.time.Instant;

/**
 * Issues service tickets (KeyServer::build_session_auth_info + cephx_build_service_ticket_blob) and
 * opens presented ones (cephx_decode_ticket). Tickets carry no caps: the {@code Keyring} SPI has
 * none, so {@code AuthCapsInfo} is empty with allow_all = false.
 */
final class TicketAuthority {

    private final CephxRuntime rt;
    private final ServiceSecrets secrets;

    TicketAuthority(CephxRuntime rt, ServiceSecrets secrets) {
        this.rt = rt;
        this.secrets = secrets;
    }

    /** A new ticket for {@code serviceId}; the grant's session key belongs to the caller. */
    ServiceTicketReply.Grant issue(int serviceId, EntityName name, long globalId, double ttlSeconds, Instant now) {
        ServiceSecrets.Secret secret = secrets.current(serviceId);
        CephxKey sessionKey = CephxKey.generate(rt.random(), now);
        Utime validity = Utime.ofSeconds(ttlSeconds);
        Instant expires = now.plus(validity.toDuration());
        AuthTicket ticket = new AuthTicket(name, globalId, Utime.of(now), Utime.of(expires), false, new byte[0], 0);
        byte[] blob = rt.cipher().encBl(secret.key(), new ServiceTicketInfo(ticket, sessionKey)::encode);
        return new ServiceTicketReply.Grant(serviceId, new ServiceTicket(sessionKey, validity),
                new TicketBlob(secret.secretId(), blob));
    }

    /** Decrypts a presented ticket; the caller destroys the returned session key. */
    ServiceTicketInfo open(int serviceId, TicketBlob blob) throws AuthException {
        String service = ServiceMask.name(serviceId);
        if (blob.isEmpty()) {
            throw new AuthException(AuthException.EACCES, "cephx: empty " + service + " ticket");
        }
        CephxKey key = secrets.find(serviceId, blob.secretId());
        if (key == null) {
            throw new AuthException(AuthException.EACCES, "cephx: no " + service + " service secret with secret_id "
                    + Long.toUnsignedString(blob.secretId()) + " (a ticket from another authority or an earlier run?)");
        }
        try (CephxCipher.Plaintext p = rt.cipher().decBl(key, blob.blob(), service + " ticket")) {
            return ServiceTicketInfo.decode(p.decoder());
        } catch (ProtocolException e) {
            throw new AuthException(AuthException.EACCES, "cephx: undecodable " + service + " ticket", e);
        }
    }
}
