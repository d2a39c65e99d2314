package io.inkwire.wire;

/** msgr2 frame tags ({@code enum class Tag} in {@code src/msg/async/frames_v2.h}). Tag 0 is invalid. */
public final class Tag {
    public static final int HELLO = 1;
    public static final int AUTH_REQUEST = 2;
    public static final int AUTH_BAD_METHOD = 3;
    public static final int AUTH_REPLY_MORE = 4;
    public static final int AUTH_REQUEST_MORE = 5;
    public static final int AUTH_DONE = 6;
    public static final int AUTH_SIGNATURE = 7;
    public static final int CLIENT_IDENT = 8;
    public static final int SERVER_IDENT = 9;
    public static final int IDENT_MISSING_FEATURES = 10;
    public static final int SESSION_RECONNECT = 11;
    public static final int SESSION_RESET = 12;
    public static final int SESSION_RETRY = 13;
    public static final int SESSION_RETRY_GLOBAL = 14;
    public static final int SESSION_RECONNECT_OK = 15;
    public static final int WAIT = 16;
    public static final int MESSAGE = 17;
    public static final int KEEPALIVE2 = 18;
    public static final int KEEPALIVE2_ACK = 19;
    public static final int ACK = 20;
    public static final int COMPRESSION_REQUEST = 21;
    public static final int COMPRESSION_DONE = 22;

    private static final String[] NAMES = {"0", "HELLO", "AUTH_REQUEST", "AUTH_BAD_METHOD", "AUTH_REPLY_MORE",
        "AUTH_REQUEST_MORE", "AUTH_DONE", "AUTH_SIGNATURE", "CLIENT_IDENT", "SERVER_IDENT", "IDENT_MISSING_FEATURES",
        "SESSION_RECONNECT", "SESSION_RESET", "SESSION_RETRY", "SESSION_RETRY_GLOBAL", "SESSION_RECONNECT_OK", "WAIT",
        "MESSAGE", "KEEPALIVE2", "KEEPALIVE2_ACK", "ACK", "COMPRESSION_REQUEST", "COMPRESSION_DONE"};

    private Tag() {
    }

    public static boolean isKnown(int tag) {
        return tag >= HELLO && tag <= COMPRESSION_DONE;
    }

    public static String name(int tag) {
        return isKnown(tag) ? NAMES[tag] : "unknown tag " + tag;
    }
}
