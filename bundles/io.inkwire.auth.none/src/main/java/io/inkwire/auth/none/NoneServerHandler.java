package io.inkwire.auth.none;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.wire.CephDecoder;
import java.util.function.LongSupplier;

/** Server side of auth none: decode who the peer says it is, hand out a global id if it has none, done. */
final class NoneServerHandler implements AuthServerHandler {

    private final LongSupplier globalIds;

    NoneServerHandler(LongSupplier globalIds) {
        this.globalIds = globalIds;
    }

    @Override
    public AuthServerSession newSession(EntityType peerType, int connectionSecretLength) {
        return new AuthServerSession() {
            @Override
            public AuthServerStep handle(byte[] payload, boolean more) throws AuthException {
                if (more) {
                    throw new AuthException(AuthException.EINVAL, "auth none has no second round");
                }
                if (connectionSecretLength > 0) {
                    throw new AuthException(AuthException.EOPNOTSUPP, "auth none cannot serve a mode that needs a connection secret");
                }
                try {
                    CephDecoder d = new CephDecoder(payload, "auth none request");
                    int mode = d.u8();
                    EntityName who = d.entityName();
                    long gid = d.u64();
                    if (mode != AuthProvider.AUTH_MODE_MON && mode != AuthProvider.AUTH_MODE_AUTHORIZER) {
                        throw new AuthException(AuthException.EINVAL, "auth none request with unknown auth mode " + mode);
                    }
                    if (mode == AuthProvider.AUTH_MODE_MON && gid == 0) {
                        gid = globalIds.getAsLong();
                    }
                    return AuthServerStep.done(new byte[0], new AuthResult(who, gid, new byte[0], new byte[0]));
                } catch (ProtocolException e) {
                    throw new AuthException(AuthException.EINVAL, "malformed auth none request: " + e.getMessage());
                }
            }

            @Override
            public void close() {
                // nothing secret
            }
        };
    }

    @Override
    public void close() {
        // nothing to wipe
    }
}
