package io.inkwire.camel;

import io.inkwire.rados.ListCursor;
import java.util.Base64;

/**
 * A listing cursor as a header value: {@code PGSEED:POSITION}, the position (the OSD's encoded
 * hobject_t, opaque) in URL-safe base64. Keeping it lets a route resume a listing later.
 */
final class ListCursorToken {

    /** A position is an encoded hobject_t: name, key and namespace bounded by the OSD; far below this. */
    private static final int MAX_TOKEN = 64 * 1024;

    private ListCursorToken() {
    }

    static String encode(ListCursor cursor) {
        return cursor.pgSeed() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.position());
    }

    static ListCursor decode(String token) {
        int colon = token.indexOf(':');
        if (token.length() > MAX_TOKEN || colon <= 0) {
            throw bad(token);
        }
        try {
            int pg = Integer.parseInt(token.substring(0, colon));
            return new ListCursor(pg, Base64.getUrlDecoder().decode(token.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw bad(token);
        }
    }

    private static IllegalArgumentException bad(String token) {
        String shown = token.length() > 80 ? token.substring(0, 80) + "…" : token;
        return new IllegalArgumentException("bad " + InkwireRadosConstants.LIST_CURSOR + " '" + shown
                + "': expected PGSEED:POSITION as a list operation left it in " + InkwireRadosConstants.NEXT_CURSOR);
    }
}
