package io.inkwire.auth.cephx.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One ticket a client holds (CephXTicketHandler): the session key, the opaque blob, and when it
 * expires and should be renewed ({@code renew_after = expires - validity/4}, only when the
 * validity is non-zero).
 */
final class ClientTicket {

    final int serviceId;
    final CephxKey sessionKey;
    final TicketBlob blob;
    /** Null when the validity was zero (no expiry). */
    final Instant expires;
    final Instant renewAfter;

    private ClientTicket(int serviceId, CephxKey sessionKey, TicketBlob blob, Instant expires, Instant renewAfter) {
        this.serviceId = serviceId;
        this.sessionKey = sessionKey;
        this.blob = blob;
        this.expires = expires;
        this.renewAfter = renewAfter;
    }

    /** Takes ownership of the received session key. */
    static ClientTicket received(ServiceTicketReply.Received r, Instant now) {
        if (r.validity().isZero()) {
            return new ClientTicket(r.serviceId(), r.sessionKey(), r.blob(), null, null);
        }
        Instant expires = now.plus(r.validity().toDuration());
        // CephXTicketHandler::verify_service_ticket_reply: renew_after = expires - validity.sec() / 4
        Instant renewAfter = expires.minus(Duration.ofNanos(r.validity().sec() * 250_000_000L));
        return new ClientTicket(r.serviceId(), r.sessionKey(), r.blob(), expires, renewAfter);
    }

    boolean valid(Instant now) {
        return expires == null || now.isBefore(expires);
    }

    boolean needsRenewal(Instant now) {
        return renewAfter != null && !now.isBefore(renewAfter);
    }

    void destroy() {
        sessionKey.destroy();
    }

    @Override
    public String toString() {
        return "ClientTicket{" + ServiceMask.name(serviceId) + ", expires=" + expires + ", renewAfter=" + renewAfter + "}";
    }
}
