package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The client half of cephx authentication with a monitor (msgr2 AUTH_MODE_MON):
 * <ol>
 *   <li>AUTH_REQUEST: {@code u8 10, EntityName, u64 global_id} (cephx adds nothing);</li>
 *   <li>AUTH_REPLY_MORE: CephXServerChallenge → AUTH_REQUEST_MORE: CEPHX_GET_AUTH_SESSION_KEY +
 *       CephXAuthenticate v3 (proof of the key, the old AUTH ticket when reclaiming a global id,
 *       other_keys = the services wanted);</li>
 *   <li>AUTH_DONE: CephXResponseHeader, the AUTH ticket (under our key), {@code cbl} (the connection
 *       secret under the new session key), {@code extra} (the other tickets under the new session key).</li>
 * </ol>
 * Single-use, driven from one connection's thread.
 */
final class MonClientSession implements AuthClientSession {

    private enum State { NEW, REQUESTED, CHALLENGED, DONE, FAILED }

    private final CephxClientHandler handler;
    private final CephxRuntime rt;
    private final EntityName name;
    private final CephxKey secret;
    private State state = State.NEW;
    private CephxClientHandler.MonStart start;
    private long serverChallenge;

    MonClientSession(CephxClientHandler handler, CephxRuntime rt, EntityName name, CephxKey secret) {
        this.handler = handler;
        this.rt = rt;
        this.name = name;
        this.secret = secret;
    }

    @Override
    public byte[] initialRequest() throws AuthException {
        expect(State.NEW, "AUTH_REQUEST");
        start = handler.monStart(rt.clock().instant());
        state = State.REQUESTED;
        return new CephEncoder(32).u8(AuthProvider.AUTH_MODE_MON).entityName(name).u64(start.globalId()).toByteArray();
    }

    @Override
    public byte[] handleReplyMore(byte[] payload) throws AuthException {
        expect(State.REQUESTED, "AUTH_REPLY_MORE");
        try {
            serverChallenge = ServerChallenge.decode(new CephDecoder(payload, "cephx server challenge")).serverChallenge();
        } catch (ProtocolException e) {
            state = State.FAILED;
            throw Malformed.of(e);
        }
        long clientChallenge = rt.random().nextLong();
        long proof = KeyProof.compute(rt.cipher(), secret, serverChallenge, clientChallenge);
        CephEncoder e = new CephEncoder(64 + start.oldTicket().blob().length);
        e.u16(CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY);
        new Authenticate(Authenticate.VERSION, clientChallenge, proof, start.oldTicket(), start.otherKeys()).encode(e);
        state = State.CHALLENGED;
        return e.toByteArray();
    }

    @Override
    public AuthResult handleDone(long globalId, int conMode, int connectionSecretLength, byte[] payload) throws AuthException {
        expect(State.CHALLENGED, "AUTH_DONE");
        state = State.FAILED;
        try {
            AuthResult result = complete(globalId, connectionSecretLength, payload);
            state = State.DONE;
            return result;
        } finally {
            close();
        }
    }

    private AuthResult complete(long globalId, int connectionSecretLength, byte[] payload) throws AuthException {
        Instant now = rt.clock().instant();
        CephDecoder d = new CephDecoder(payload, "cephx AUTH_DONE");
        try {
            CephxResponseHeader header = CephxResponseHeader.decode(d);
            if (header.requestType() != CephxRequestHeader.CEPHX_GET_AUTH_SESSION_KEY) {
                throw new AuthException(AuthException.EPERM, "cephx: AUTH_DONE answers "
                        + CephxRequestHeader.name(header.requestType()) + ", expected CEPHX_GET_AUTH_SESSION_KEY");
            }
            CephxClientHandler.checkStatus(header);
        } catch (ProtocolException e) {
            throw Malformed.of(e);
        }
        // the AUTH ticket is under our long-term key; its blob under the old session key when reclaiming
        List<ServiceTicketReply.Received> received = ServiceTicketReply.decode(d, rt.cipher(), secret, start.oldSessionKey());
        byte[] connectionSecret = new byte[0];
        try {
            CephxKey authKey = CephxClientHandler.find(received, ServiceMask.AUTH);
            if (authKey == null) {
                throw new AuthException(AuthException.EACCES, "cephx: the monitor's reply holds no AUTH ticket");
            }
            if (d.hasRemaining()) { // nautilus+: cbl and extra tickets
                byte[] cbl = d.bytes();
                byte[] extra = d.bytes();
                if (cbl.length > 0) {
                    try (CephxCipher.Plaintext p = rt.cipher().decBl(authKey, cblCiphertext(cbl), "connection secret")) {
                        connectionSecret = p.decoder().bytes();
                    }
                }
                if (extra.length > 0) {
                    received.addAll(ServiceTicketReply.decode(new CephDecoder(extra, "cephx extra tickets"),
                            rt.cipher(), authKey, null));
                }
            }
            connectionSecret = fit(connectionSecret, connectionSecretLength);
            AuthResult result = new AuthResult(name, globalId, authKey.secretCopy(), connectionSecret);
            handler.monCompleted(globalId, serverChallenge, received, now);
            return result;
        } catch (ProtocolException e) {
            ServiceTicketReply.destroyAll(received);
            Arrays.fill(connectionSecret, (byte) 0);
            throw Malformed.of(e);
        } catch (AuthException | RuntimeException e) {
            ServiceTicketReply.destroyAll(received);
            Arrays.fill(connectionSecret, (byte) 0);
            throw e;
        }
    }

    /** {@code cbl} is a bufferlist that itself holds encrypt(string): unwrap the inner length. */
    private static byte[] cblCiphertext(byte[] cbl) throws ProtocolException {
        CephDecoder inner = new CephDecoder(cbl, "cephx cbl");
        byte[] c = inner.bytes();
        inner.expectEnd();
        return c;
    }

    /**
     * The connection secret the mode asked for: at least that many bytes must have arrived
     * (secure mode uses the first 40 of 64); crc mode gets none.
     */
    static byte[] fit(byte[] secret, int wanted) throws AuthException {
        if (wanted == 0) {
            Arrays.fill(secret, (byte) 0);
            return new byte[0];
        }
        if (secret.length < wanted) {
            int got = secret.length;
            Arrays.fill(secret, (byte) 0);
            throw new AuthException(AuthException.EACCES,
                    "cephx: connection secret of " + got + " bytes, the connection mode needs " + wanted);
        }
        if (secret.length == wanted) {
            return secret;
        }
        byte[] out = Arrays.copyOf(secret, wanted);
        Arrays.fill(secret, (byte) 0);
        return out;
    }

    private void expect(State s, String what) throws AuthException {
        if (state != s) {
            throw new AuthException(AuthException.EPERM, "cephx: unexpected " + what + " in state " + state);
        }
    }

    @Override
    public void close() {
        secret.destroy();
        if (start != null && start.oldSessionKey() != null) {
            start.oldSessionKey().destroy();
        }
        if (state != State.DONE) {
            state = State.FAILED;
        }
    }
}
