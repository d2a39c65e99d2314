package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityName;
import java.util.Arrays;

/**
 * The outcome of a completed auth exchange on one connection: who the peer is, the global id, the
 * session key that keys AUTH_SIGNATURE, and the connection secret handed to the connection mode.
 * The byte arrays are owned by the receiver, who wipes them ({@link #destroy()}).
 */
public final class AuthResult {
    private static final byte[] NONE = new byte[0];

    private final EntityName entity;
    private final long globalId;
    private final byte[] sessionKey;
    private final byte[] connectionSecret;

    public AuthResult(EntityName entity, long globalId, byte[] sessionKey, byte[] connectionSecret) {
        this.entity = entity;
        this.globalId = globalId;
        this.sessionKey = sessionKey == null ? NONE : sessionKey;
        this.connectionSecret = connectionSecret == null ? NONE : connectionSecret;
    }

    /** The authenticated entity (acceptor side), or our own name (connector side); may be null if unknown. */
    public EntityName entity() {
        return entity;
    }

    public long globalId() {
        return globalId;
    }

    /** The HMAC key for AUTH_SIGNATURE; empty for methods without one (auth none). */
    public byte[] sessionKey() {
        return sessionKey;
    }

    /** The secret for the connection mode; empty in crc mode. */
    public byte[] connectionSecret() {
        return connectionSecret;
    }

    public void destroy() {
        Arrays.fill(sessionKey, (byte) 0);
        Arrays.fill(connectionSecret, (byte) 0);
    }

    @Override
    public String toString() {
        return "AuthResult{entity=" + entity + ", globalId=" + globalId + ", sessionKey=" + sessionKey.length
                + " bytes, connectionSecret=" + connectionSecret.length + " bytes}";
    }
}
