package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A monitor's side of cephx authentication (Monitor::handle_auth_request +
 * CephxServiceHandler::start_session / handle_request): challenge, proof, global id, tickets.
 *
 * <p>Global ids: 0 asks for a new one (handed out only after the proof checks); a non-zero id is
 * a reclaim and needs the old AUTH ticket of that id and entity (CVE-2021-20288 hardening, as
 * with {@code auth_allow_insecure_global_id_reclaim = false}; legacy v1/v2 CephXAuthenticate gets
 * no exception).
 */
final class MonServerExchange {

    /** Auth.h AUTH_MODE_MON_MAX. */
    static final int AUTH_MODE_MON_MAX = 19;

    private final CephxServerHandler handler;
    private final CephxRuntime rt;
    private final EntityType peerType;
    private final int connectionSecretLength;
    private EntityName entity;
    private long claimedGlobalId;
    private long globalId;
    private long serverChallenge;
    private boolean done;

    MonServerExchange(CephxServerHandler handler, EntityType peerType, int connectionSecretLength) {
        this.handler = handler;
        this.rt = handler.runtime();
        this.peerType = peerType;
        this.connectionSecretLength = connectionSecretLength;
    }

    boolean isDone() {
        return done;
    }

    /** AUTH_REQUEST: {@code u8 mode, EntityName, u64 global_id} → AUTH_REPLY_MORE(CephXServerChallenge). */
    AuthServerStep start(byte[] payload) throws ProtocolException, AuthException {
        CephDecoder d = new CephDecoder(payload, "cephx AUTH_REQUEST");
        d.u8();
        entity = d.entityName();
        claimedGlobalId = d.u64();
        if (!handler.isMonitor()) {
            throw new AuthException(AuthException.EACCES, "cephx: " + handler.name()
                    + " is not a monitor and does not authenticate " + entity);
        }
        if (peerType != null && entity.type() != peerType) {
            throw new AuthException(AuthException.EACCES, "cephx: " + entity + " announced itself as a " + peerType.text());
        }
        serverChallenge = rt.nonZeroLong();
        CephEncoder e = new CephEncoder(16);
        new ServerChallenge(serverChallenge).encode(e);
        return AuthServerStep.more(e.toByteArray());
    }

    /** AUTH_REQUEST_MORE: CEPHX_GET_AUTH_SESSION_KEY → AUTH_DONE. */
    AuthServerStep authenticate(byte[] payload, boolean more) throws AuthException {
        if (!more) {
            throw new AuthException(AuthException.EPERM, "cephx: a second AUTH_REQUEST during authentication");
        }
        CephxKey key = entityKey();
        CephxKey ticketEncKey = null;
        try {
            Authenticate req = decodeAuthenticate(payload);
            checkProof(key, req);
            if (claimedGlobalId == 0) {
                if (!req.oldTicket().isEmpty()) {
                    throw new AuthException(AuthException.EINVAL, "cephx: " + entity
                            + " asked for a new global_id but presented an old ticket (superfluous ticket)");
                }
                globalId = handler.newGlobalId();
            } else {
                ticketEncKey = checkOldTicket(req.oldTicket(), claimedGlobalId, "reclaim of global_id " + claimedGlobalId);
                globalId = claimedGlobalId;
            }
            if (req.otherKeys() == 0 && connectionSecretLength > 0) {
                throw new AuthException(AuthException.EOPNOTSUPP, "cephx: " + entity
                        + " is a pre-nautilus client that cannot receive a connection secret (other_keys = 0)");
            }
            AuthServerStep step = issue(key, req.otherKeys(), ticketEncKey, true);
            done = true;
            return step;
        } finally {
            key.destroy();
            if (ticketEncKey != null) {
                ticketEncKey.destroy();
            }
        }
    }

    /**
     * An MAuth payload on the authenticated session: CEPHX_GET_AUTH_SESSION_KEY (renewal with the
     * current AUTH ticket, same server challenge) or CEPHX_GET_PRINCIPAL_SESSION_KEY.
     */
    AuthServerStep followUp(byte[] payload) throws AuthException {
        CephDecoder d = new CephDecoder(payload, "cephx MAuth request");
        int type;
        try {
            type = d.u16();
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        switch (type) {
            case CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY:
                return renew(payload);
            case CephxRequestHeader.CEPHX_GET_PRINCIPAL_SESSION_KEY:
                return principal(d);
            case CephxRequestHeader.CEPHX_GET_ROTATING_KEY:
                throw new AuthException(AuthException.EOPNOTSUPP, "cephx: CEPHX_GET_ROTATING_KEY is not supported (no rotating secrets)");
            default:
                throw new AuthException(AuthException.EINVAL, "cephx: unknown " + CephxRequestHeader.name(type));
        }
    }

    private AuthServerStep renew(byte[] payload) throws AuthException {
        CephxKey key = entityKey();
        CephxKey oldSessionKey = null;
        try {
            Authenticate req = decodeAuthenticate(payload);
            checkProof(key, req);
            oldSessionKey = checkOldTicket(req.oldTicket(), globalId, "ticket renewal");
            return issue(key, req.otherKeys(), oldSessionKey, false);
        } finally {
            key.destroy();
            if (oldSessionKey != null) {
                oldSessionKey.destroy();
            }
        }
    }

    private AuthServerStep principal(CephDecoder d) throws AuthException {
        Instant now = rt.clock().instant();
        Authorizer a;
        ServiceTicketRequest req;
        try {
            a = Authorizer.decode(d);
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        if (a.serviceId() != ServiceMask.AUTH) {
            throw new AuthException(AuthException.EACCES, "cephx: service tickets must be asked for with the AUTH ticket, got a "
                    + ServiceMask.name(a.serviceId()) + " ticket");
        }
        ServiceTicketInfo info = handler.tickets().open(ServiceMask.AUTH, a.ticket());
        List<ServiceTicketReply.Grant> grants = new ArrayList<>();
        try {
            AuthTicket t = info.ticket();
            if (t.globalId() != a.globalId() || t.globalId() != globalId || !t.name().equals(entity)) {
                throw new AuthException(AuthException.EACCES, "cephx: the AUTH ticket of " + t.name() + " (global_id "
                        + t.globalId() + ") does not belong to " + entity + " (global_id " + globalId + ")");
            }
            if (!now.isBefore(t.expires().toInstant())) {
                throw new AuthException(AuthException.EACCES, "cephx: the AUTH ticket of " + entity + " expired");
            }
            a.open(rt.cipher(), info.sessionKey()); // proves the session key; no challenge here (CephxServiceHandler.cc)
            try {
                req = ServiceTicketRequest.decode(d);
            } catch (ProtocolException e) {
                throw Malformed.of(e);
            }
            for (int s : ServiceMask.SERVICES) {
                if ((req.keys() & s) != 0 && s != ServiceMask.AUTH) {
                    grants.add(handler.tickets().issue(s, entity, globalId, handler.ttl(s), now));
                }
            }
            CephEncoder e = new CephEncoder(256 + 200 * grants.size());
            new CephxResponseHeader(CephxRequestHeader.CEPHX_GET_PRINCIPAL_SESSION_KEY, 0).encode(e);
            ServiceTicketReply.encode(e, rt.cipher(), info.sessionKey(), grants, null);
            return AuthServerStep.done(e.toByteArray(), new AuthResult(entity, globalId, info.sessionKey().secretCopy(), null));
        } finally {
            info.sessionKey().destroy();
            grants.forEach(g -> g.ticket().sessionKey().destroy());
        }
    }

    /**
     * The reply to CEPHX_GET_AUTH_SESSION_KEY: header, the AUTH ticket under the entity's key
     * (its blob under the old session key when renewing), then, when other services were asked
     * for, {@code cbl} and {@code extra} under the new AUTH session key.
     */
    private AuthServerStep issue(CephxKey principalKey, int otherKeys, CephxKey ticketEncKey, boolean withConnectionSecret) {
        Instant now = rt.clock().instant();
        List<ServiceTicketReply.Grant> extras = new ArrayList<>();
        ServiceTicketReply.Grant auth = handler.tickets().issue(ServiceMask.AUTH, entity, globalId,
                handler.ttl(ServiceMask.AUTH), now);
        byte[] secret = new byte[0];
        try {
            CephxKey sessionKey = auth.ticket().sessionKey();
            CephEncoder e = new CephEncoder(512);
            new CephxResponseHeader(CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY, 0).encode(e);
            ServiceTicketReply.encode(e, rt.cipher(), principalKey, List.of(auth), ticketEncKey);
            if (otherKeys != 0) { // nautilus+ client
                if (withConnectionSecret) {
                    secret = new byte[connectionSecretLength];
                    rt.random().nextBytes(secret);
                    CephEncoder cbl = new CephEncoder(128);
                    byte[] s = secret;
                    rt.cipher().encrypt(cbl, sessionKey, x -> x.bytes(s));
                    e.bytes(cbl.toByteArray());
                } else {
                    e.u32(0); // MAuth: no connection, no secret
                }
                for (int s : ServiceMask.SERVICES) {
                    if ((otherKeys & s) != 0 && s != ServiceMask.AUTH) {
                        extras.add(handler.tickets().issue(s, entity, globalId, handler.ttl(s), now));
                    }
                }
                if (extras.isEmpty()) {
                    e.u32(0);
                } else {
                    CephEncoder extra = new CephEncoder(256 * extras.size());
                    ServiceTicketReply.encode(extra, rt.cipher(), sessionKey, extras, null);
                    e.bytes(extra.toByteArray());
                }
            }
            return AuthServerStep.done(e.toByteArray(), new AuthResult(entity, globalId, sessionKey.secretCopy(), secret.clone()));
        } finally {
            Arrays.fill(secret, (byte) 0);
            auth.ticket().sessionKey().destroy();
            extras.forEach(g -> g.ticket().sessionKey().destroy());
        }
    }

    private CephxKey entityKey() throws AuthException {
        Optional<CryptoKey> k = handler.config().keyring().key(entity);
        if (k.isEmpty()) {
            throw new AuthException(AuthException.EACCES, "cephx: couldn't find entity name: " + entity);
        }
        try {
            return CephxKey.of(k.get());
        } catch (IllegalArgumentException e) {
            throw new AuthException(AuthException.EACCES, "cephx: the key of " + entity + " is not a usable AES key");
        }
    }

    private Authenticate decodeAuthenticate(byte[] payload) throws AuthException {
        CephDecoder d = new CephDecoder(payload, "cephx CEPHX_GET_AUTH_SESSION_KEY");
        try {
            int type = d.u16();
            if (type != CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY) {
                throw new AuthException(AuthException.EPERM, "cephx: expected CEPHX_GET_AUTH_SESSION_KEY, got "
                        + CephxRequestHeader.name(type));
            }
            return Authenticate.decode(d);
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
    }

    private void checkProof(CephxKey key, Authenticate req) throws AuthException {
        long expected = KeyProof.compute(rt.cipher(), key, serverChallenge, req.clientChallenge());
        if (expected != req.key()) {
            throw new AuthException(AuthException.EACCES, "cephx: " + entity + " did not prove its key (wrong key)");
        }
    }

    /** Checks an old AUTH ticket against the global id and entity; returns its session key (caller destroys). */
    private CephxKey checkOldTicket(TicketBlob old, long expectedGlobalId, String what) throws AuthException {
        if (old.isEmpty()) {
            throw new AuthException(AuthException.EACCES, "cephx: " + what + " by " + entity + " without presenting a ticket");
        }
        ServiceTicketInfo info;
        try {
            info = handler.tickets().open(ServiceMask.AUTH, old);
        } catch (AuthException e) {
            throw new AuthException(AuthException.EACCES, "cephx: " + what + " by " + entity + " with a bad ticket: " + e.getMessage());
        }
        if (info.ticket().globalId() != expectedGlobalId || !info.ticket().name().equals(entity)) {
            info.sessionKey().destroy();
            throw new AuthException(AuthException.EACCES, "cephx: " + what + " by " + entity + " with a mismatching ticket (of "
                    + info.ticket().name() + ", global_id " + info.ticket().globalId() + ")");
        }
        return info.sessionKey();
    }

    void close() {
        // nothing long-lived: keys are fetched and wiped per request
    }
}
