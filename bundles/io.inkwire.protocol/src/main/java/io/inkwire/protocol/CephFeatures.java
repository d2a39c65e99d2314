package io.inkwire.protocol;

/**
 * CEPH_FEATURE_* bits ({@code src/include/ceph_features.h}) that the session layer needs by name.
 * Advertising a feature promises to decode every message in the encoding it implies.
 */
public final class CephFeatures {

    /** {@code CEPH_FEATURE_MSG_ADDR2} (bit 59): required by msgr2. */
    public static final long MSG_ADDR2 = 1L << 59;
    /** {@code CEPH_FEATURE_SERVER_NAUTILUS} incarnation 3 bits (2, 28, 57). */
    public static final long SERVER_NAUTILUS = (1L << 2) | (1L << 28) | (1L << 57);
    /** {@code CEPH_FEATURE_OSDREPLYMUX} (bit 12). */
    public static final long OSDREPLYMUX = 1L << 12;
    /** {@code CEPH_FEATURE_RECONNECT_SEQ} (bit 6). */
    public static final long RECONNECT_SEQ = 1L << 6;
    /** {@code CEPH_FEATURE_MSG_AUTH} (bit 23). */
    public static final long MSG_AUTH = 1L << 23;
    /** {@code CEPH_FEATURE_MSGR_KEEPALIVE2} (bit 42). */
    public static final long MSGR_KEEPALIVE2 = 1L << 42;
    /** {@code CEPH_FEATURE_CEPHX_V2} (bit 61). */
    public static final long CEPHX_V2 = 1L << 61;

    /**
     * What a Pacific (16.2.15) client and monitor advertise: every bit but 17, 33, 38, 44, 45,
     * 49–55, 62, 63 (verified against the captures). inkwire advertises the same so that a Ceph
     * peer encodes messages as it does for its own clients.
     */
    public static final long CEPH_FEATURES_SUPPORTED_DEFAULT = 0x3f01cfbdfffdffffL;

    /** What inkwire requires of a peer: MSG_ADDR2, as every msgr2 speaker. */
    public static final long CEPH_FEATURES_REQUIRED_DEFAULT = MSG_ADDR2;

    /** {@code CEPH_MSG_CONNECT_LOSSY}: bit 0 of the IDENT flags. */
    public static final long CEPH_MSG_CONNECT_LOSSY = 1;

    private CephFeatures() {
    }
}
