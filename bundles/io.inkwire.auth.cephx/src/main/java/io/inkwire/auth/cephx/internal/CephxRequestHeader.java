package io.inkwire.auth.cephx.internal;

/** {@code CephXRequestHeader}: a bare {@code u16 request_type} leading every cephx request. */
public final class CephxRequestHeader {

    /** {@code CEPHX_GET_AUTH_SESSION_KEY}. */
    public static final int CEPHX_GET_AUTH_SESSION_KEY = 0x0100;
    /** {@code CEPHX_GET_PRINCIPAL_SESSION_KEY}. */
    public static final int CEPHX_GET_PRINCIPAL_SESSION_KEY = 0x0200;
    /** {@code CEPHX_GET_ROTATING_KEY}. */
    public static final int CEPHX_GET_ROTATING_KEY = 0x0400;

    private CephxRequestHeader() {
    }

    static String name(int requestType) {
        switch (requestType) {
            case CEPHX_GET_AUTH_SESSION_KEY: return "CEPHX_GET_AUTH_SESSION_KEY";
            case CEPHX_GET_PRINCIPAL_SESSION_KEY: return "CEPHX_GET_PRINCIPAL_SESSION_KEY";
            case CEPHX_GET_ROTATING_KEY: return "CEPHX_GET_ROTATING_KEY";
            default: return "request type 0x" + Integer.toHexString(requestType);
        }
    }
}
