package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;

/** Turns a decoding failure of peer data into the AuthException Ceph would answer ({@code -EPERM}). */
final class Malformed {

    private Malformed() {
    }

    /** Ceph's cephx handlers answer undecodable requests and replies with -EPERM (CephxServiceHandler.cc). */
    static AuthException of(ProtocolException e) {
        return new AuthException(AuthException.EPERM, "cephx: malformed payload: " + e.getMessage(), e);
    }
}
