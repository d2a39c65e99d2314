package io.inkwire.auth.none;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.wire.CephEncoder;

/**
 * Client side of auth none. To a monitor the request is {@code u8 AUTH_MODE_MON, EntityName,
 * u64 global_id}; to a service it is the none "authorizer" {@code u8 1, EntityName, u64 global_id}
 * ({@code AuthNoneAuthorizer} in {@code src/auth/none/AuthNoneProtocol.h}).
 */
final class NoneClientHandler implements AuthClientHandler {

    private final EntityName name;
    private volatile long globalId;

    NoneClientHandler(EntityName name) {
        this.name = name;
    }

    @Override
    public long globalId() {
        return globalId;
    }

    @Override
    public AuthClientSession newSession(EntityType peerType) {
        int mode = peerType == EntityType.MON ? AuthProvider.AUTH_MODE_MON : AuthProvider.AUTH_MODE_AUTHORIZER;
        return new AuthClientSession() {
            @Override
            public byte[] initialRequest() {
                return new CephEncoder().u8(mode).entityName(name).u64(globalId).toByteArray();
            }

            @Override
            public byte[] handleReplyMore(byte[] payload) throws AuthException {
                throw new AuthException(AuthException.EINVAL, "auth none has no second round, but the peer sent AUTH_REPLY_MORE");
            }

            @Override
            public AuthResult handleDone(long assignedGlobalId, int conMode, int connectionSecretLength, byte[] payload) throws AuthException {
                if (connectionSecretLength > 0) {
                    throw new AuthException(AuthException.EOPNOTSUPP, "auth none cannot provide a connection secret for mode " + conMode);
                }
                if (peerType == EntityType.MON && assignedGlobalId != 0) {
                    globalId = assignedGlobalId;
                }
                return new AuthResult(name, assignedGlobalId, new byte[0], new byte[0]);
            }

            @Override
            public void close() {
                // nothing secret
            }
        };
    }

    @Override
    public void close() {
        // nothing secret
    }
}
