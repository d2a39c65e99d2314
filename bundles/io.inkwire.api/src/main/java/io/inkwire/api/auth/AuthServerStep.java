package io.inkwire.api.auth;

/**
 * What the server side of an auth exchange answers to one request.
 *
 * <ul>
 *   <li>{@link Kind#MORE}: send AUTH_REPLY_MORE with {@link #payload()} and wait for AUTH_REQUEST_MORE;</li>
 *   <li>{@link Kind#DONE}: send AUTH_DONE with {@link #payload()}; {@link #result()} holds the peer's identity and keys.</li>
 * </ul>
 * A rejection is an {@link AuthException}, answered with AUTH_BAD_METHOD carrying its errno.
 */
public record AuthServerStep(Kind kind, byte[] payload, AuthResult result) {

    public enum Kind { MORE, DONE }

    public static AuthServerStep more(byte[] payload) {
        return new AuthServerStep(Kind.MORE, payload, null);
    }

    public static AuthServerStep done(byte[] payload, AuthResult result) {
        return new AuthServerStep(Kind.DONE, payload, result);
    }

    @Override
    public String toString() {
        return "AuthServerStep{" + kind + ", payload=" + payload.length + " bytes, " + result + "}";
    }
}
