package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cephx client state of one identity (CephxClientHandler + CephXTicketManager): its long-term
 * key, the global id, and the tickets a monitor handed out, keyed by service id.
 *
 * <p>A monitor connection ({@link #newSession} with {@link EntityType#MON}) runs
 * CEPHX_GET_AUTH_SESSION_KEY and stores the AUTH ticket plus the extra service tickets; any other
 * peer type gets an authorizer built from the stored ticket for that service. Renewals go over the
 * established monitor session as MAuth payloads and reuse the server challenge of the most
 * recently completed monitor session, as Ceph does.
 *
 * <p>Thread-safe: state is guarded by this object; sessions work on snapshots.
 */
public final class CephxClientHandler implements AuthClientHandler {

    private final EntityName name;
    private final CephxKey secret;
    private final int want;
    private final CephxRuntime rt;

    private long globalId;
    private long serverChallenge;
    private final Map<Integer, ClientTicket> tickets = new HashMap<>();
    private boolean closed;

    public CephxClientHandler(AuthClientConfig config, CephxRuntime runtime) throws AuthException {
        this.name = config.name();
        this.rt = runtime;
        CryptoKey key = config.keyring().key(name).orElseThrow(() ->
                new AuthException(AuthException.ENOENT, "cephx: no key for " + name + " in " + config.keyring().origin()));
        try {
            this.secret = CephxKey.of(key);
            this.want = ServiceMask.wantKeys(config.options());
        } catch (IllegalArgumentException e) {
            throw new AuthException(AuthException.EINVAL, "cephx: " + e.getMessage());
        }
    }

    @Override
    public AuthClientSession newSession(EntityType peerType) throws AuthException {
        if (peerType == EntityType.MON) {
            return new MonClientSession(this, rt, name, secret.copy());
        }
        Instant now = rt.clock().instant();
        synchronized (this) {
            checkOpen();
            ClientTicket t = tickets.get(peerType.code());
            if (t == null) {
                throw new AuthException(AuthException.EACCES, "cephx: no ticket for service " + peerType.text()
                        + "; authenticate with a monitor (asking for " + peerType.text() + " keys) first");
            }
            if (!t.valid(now)) {
                throw new AuthException(AuthException.EACCES, "cephx: the ticket for service " + peerType.text()
                        + " expired at " + t.expires + "; renew tickets first");
            }
            return new ServiceClientSession(rt, name, globalId, t.serviceId, t.blob, t.sessionKey.copy(), rt.random().nextLong());
        }
    }

    @Override
    public synchronized long globalId() {
        return globalId;
    }

    /** The mask of wanted services. */
    public int wantKeys() {
        return want;
    }

    // ---- monitor sessions ------------------------------------------------------------------

    /** What a monitor session presents: the global id, the old AUTH ticket (reclaim) and the services it asks for. */
    record MonStart(long globalId, TicketBlob oldTicket, CephxKey oldSessionKey, int otherKeys) {
    }

    synchronized MonStart monStart(Instant now) throws AuthException {
        checkOpen();
        ClientTicket auth = tickets.get(ServiceMask.AUTH);
        if (globalId == 0 || auth == null) {
            // a fresh start must present an empty old ticket (CephxServiceHandler::verify_old_ticket)
            return new MonStart(globalId, TicketBlob.EMPTY, null, ServiceMask.AUTH | need(now));
        }
        return new MonStart(globalId, auth.blob, auth.sessionKey.copy(), ServiceMask.AUTH | need(now));
    }

    synchronized void monCompleted(long newGlobalId, long challenge, List<ServiceTicketReply.Received> received, Instant now) {
        if (closed) {
            ServiceTicketReply.destroyAll(received);
            return;
        }
        globalId = newGlobalId;
        serverChallenge = challenge;
        store(received, now);
    }

    /** The wanted services (AUTH excluded) whose ticket is missing or due for renewal. */
    private int need(Instant now) {
        int need = 0;
        for (int s : ServiceMask.SERVICES) {
            if (s == ServiceMask.AUTH || (want & s) == 0) {
                continue;
            }
            ClientTicket t = tickets.get(s);
            if (t == null || t.needsRenewal(now)) {
                need |= s;
            }
        }
        return need;
    }

    private void store(List<ServiceTicketReply.Received> received, Instant now) {
        for (ServiceTicketReply.Received r : received) {
            ClientTicket old = tickets.put(r.serviceId(), ClientTicket.received(r, now));
            if (old != null) {
                old.destroy();
            }
        }
    }

    // ---- renewal over an established monitor session ------------------------------------

    @Override
    public synchronized boolean needsRenewal(Instant now) {
        ClientTicket auth = tickets.get(ServiceMask.AUTH);
        if (closed || auth == null) {
            return false;
        }
        if (auth.needsRenewal(now)) {
            return true;
        }
        int need = need(now);
        // CephxClientHandler::_need_tickets: not for MGR alone (avoids a loop while a mon lacks MGR keys)
        return need != 0 && need != ServiceMask.MGR;
    }

    @Override
    public synchronized byte[] buildRenewalRequest(Instant now) throws AuthException {
        checkOpen();
        ClientTicket auth = tickets.get(ServiceMask.AUTH);
        if (auth == null) {
            throw new AuthException(AuthException.EINVAL, "cephx: no AUTH ticket to renew; authenticate with a monitor first");
        }
        int need = need(now);
        CephEncoder e = new CephEncoder(128 + auth.blob.blob().length);
        if (auth.needsRenewal(now)) {
            long clientChallenge = rt.random().nextLong();
            long proof = KeyProof.compute(rt.cipher(), secret, serverChallenge, clientChallenge);
            e.u16(CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY);
            new Authenticate(Authenticate.VERSION, clientChallenge, proof, auth.blob, ServiceMask.AUTH | need).encode(e);
        } else {
            int keys = need != 0 ? need : want & ~ServiceMask.AUTH;
            e.u16(CephxRequestHeader.CEPHX_GET_PRINCIPAL_SESSION_KEY);
            // the authorizer on the AUTH ticket; no challenge round here (CephxServiceHandler.cc)
            Authorizer.encode(e, rt.cipher(), globalId, ServiceMask.AUTH, auth.blob, auth.sessionKey,
                    new Authorize(rt.random().nextLong(), false, 0));
            new ServiceTicketRequest(keys).encode(e);
        }
        return e.toByteArray();
    }

    @Override
    public synchronized void handleRenewalReply(int result, byte[] payload, Instant now) throws AuthException {
        checkOpen();
        if (result != 0) {
            throw new AuthException(result < 0 ? result : AuthException.EACCES,
                    "cephx: the monitor refused the ticket renewal (result " + result + ")");
        }
        ClientTicket auth = tickets.get(ServiceMask.AUTH);
        if (auth == null) {
            throw new AuthException(AuthException.EINVAL, "cephx: renewal reply without an AUTH ticket");
        }
        CephDecoder d = new CephDecoder(payload, "cephx renewal reply");
        CephxResponseHeader header;
        try {
            header = CephxResponseHeader.decode(d);
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        checkStatus(header);
        List<ServiceTicketReply.Received> received;
        switch (header.requestType()) {
            case CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY:
                received = ServiceTicketReply.decode(d, rt.cipher(), secret, auth.sessionKey);
                CephxKey newAuthKey = find(received, ServiceMask.AUTH);
                if (newAuthKey == null) {
                    ServiceTicketReply.destroyAll(received);
                    throw new AuthException(AuthException.EACCES, "cephx: renewal reply holds no AUTH ticket");
                }
                try {
                    if (d.hasRemaining()) {
                        d.bytes(); // cbl: no connection secret over MAuth
                        byte[] extra = d.bytes();
                        if (extra.length > 0) {
                            received.addAll(ServiceTicketReply.decode(new CephDecoder(extra, "cephx extra tickets"),
                                    rt.cipher(), newAuthKey, null));
                        }
                    }
                } catch (ProtocolException e) {
                    ServiceTicketReply.destroyAll(received);
                    throw Malformed.of(e);
                } catch (AuthException e) {
                    ServiceTicketReply.destroyAll(received);
                    throw e;
                }
                break;
            case CephxRequestHeader.CEPHX_GET_PRINCIPAL_SESSION_KEY:
                received = ServiceTicketReply.decode(d, rt.cipher(), auth.sessionKey, null);
                break;
            default:
                throw new AuthException(AuthException.EPERM, "cephx: unexpected renewal reply for "
                        + CephxRequestHeader.name(header.requestType()));
        }
        store(received, now);
    }

    static void checkStatus(CephxResponseHeader header) throws AuthException {
        if (header.status() != 0) {
            throw new AuthException(header.status() < 0 ? header.status() : AuthException.EACCES,
                    "cephx: " + CephxRequestHeader.name(header.requestType()) + " failed with status " + header.status());
        }
    }

    static CephxKey find(List<ServiceTicketReply.Received> received, int serviceId) {
        for (ServiceTicketReply.Received r : received) {
            if (r.serviceId() == serviceId) {
                return r.sessionKey();
            }
        }
        return null;
    }

    private void checkOpen() throws AuthException {
        if (closed) {
            throw new AuthException(AuthException.EINVAL, "cephx: the auth handler of " + name + " is closed");
        }
    }

    /** For tests: the ticket held for a service, or null (the object itself; do not keep it). */
    synchronized ClientTicket ticket(int serviceId) {
        return tickets.get(serviceId);
    }

    /** For tests and diagnostics: the services we hold a ticket for. */
    synchronized int ticketMask() {
        int m = 0;
        for (int s : tickets.keySet()) {
            m |= s;
        }
        return m;
    }

    @Override
    public synchronized void close() {
        closed = true;
        secret.destroy();
        tickets.values().forEach(ClientTicket::destroy);
        tickets.clear();
    }

    @Override
    public synchronized String toString() {
        return "CephxClientHandler{" + name + ", globalId=" + globalId + ", tickets=" + tickets.values() + "}";
    }
}
