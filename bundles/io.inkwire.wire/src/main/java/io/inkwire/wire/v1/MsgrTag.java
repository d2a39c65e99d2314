package io.inkwire.wire.v1;

/**
 * {@code CEPH_MSGR_TAG_*} ({@code src/include/msgr.h}): the first byte of a connect reply and of
 * every item on an established msgr1 stream.
 */
public final class MsgrTag {
    /** Server → client: the session is open. */
    public static final int READY = 1;
    /** Server → client: the server has no session; reset ours and connect again with connect_seq 0. */
    public static final int RESETSESSION = 2;
    /** Server → client: connection race; back off, the other side's connection wins. */
    public static final int WAIT = 3;
    /** Server → client: use the connect_seq in the reply and connect again. */
    public static final int RETRY_SESSION = 4;
    /** Server → client: pick a global_seq above the one in the reply and connect again. */
    public static final int RETRY_GLOBAL = 5;
    /** Either side: closing. */
    public static final int CLOSE = 6;
    /** A message (header, front, middle, data, footer) follows. */
    public static final int MSG = 7;
    /** An le64 sequence number follows: everything up to it arrived. */
    public static final int ACK = 8;
    /** A keepalive without payload. */
    public static final int KEEPALIVE = 9;
    /** Server → client: protocol_version mismatch. */
    public static final int BADPROTOVER = 10;
    /** Server → client: the authorizer was refused. */
    public static final int BADAUTHORIZER = 11;
    /** Server → client: the client lacks required features. */
    public static final int FEATURES = 12;
    /** Server → client: READY, then both sides exchange an le64 in_seq. */
    public static final int SEQ = 13;
    /** A keepalive carrying a {@code ceph_timespec}. */
    public static final int KEEPALIVE2 = 14;
    /** The echo of a KEEPALIVE2's timespec. */
    public static final int KEEPALIVE2_ACK = 15;
    /** Server → client: the authorizer reply carries a cephx challenge; rebuild the authorizer and connect again. */
    public static final int CHALLENGE_AUTHORIZER = 16;

    private static final String[] NAMES = {null, "READY", "RESETSESSION", "WAIT", "RETRY_SESSION", "RETRY_GLOBAL", "CLOSE",
        "MSG", "ACK", "KEEPALIVE", "BADPROTOVER", "BADAUTHORIZER", "FEATURES", "SEQ", "KEEPALIVE2", "KEEPALIVE2_ACK",
        "CHALLENGE_AUTHORIZER"};

    private MsgrTag() {
    }

    /** The tag's name, or {@code tag N} for an unknown value. */
    public static String name(int tag) {
        return tag > 0 && tag < NAMES.length ? NAMES[tag] : "tag " + tag;
    }
}
