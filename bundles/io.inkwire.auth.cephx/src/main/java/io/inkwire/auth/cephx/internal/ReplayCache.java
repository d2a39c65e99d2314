package io.inkwire.auth.cephx.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Authorizer nonces a service has accepted, kept until their ticket expires, so the same
 * authorizer cannot be used twice. The challenge round already stops a replay that cannot answer
 * a fresh challenge; this catches a second use outright. Bounded: the oldest entries go first.
 */
final class ReplayCache {

    static final int MAX_ENTRIES = 65_536;

    private record Key(long globalId, long nonce) {
    }

    private final LinkedHashMap<Key, Instant> seen = new LinkedHashMap<>();

    synchronized boolean seen(long globalId, long nonce) {
        return seen.containsKey(new Key(globalId, nonce));
    }

    /** Records the nonce; false when it was already there. */
    synchronized boolean firstUse(long globalId, long nonce, Instant expires, Instant now) {
        for (Iterator<Map.Entry<Key, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Instant> e = it.next();
            if (!e.getValue().isAfter(now) || seen.size() >= MAX_ENTRIES) {
                it.remove();
            } else {
                break;
            }
        }
        return seen.putIfAbsent(new Key(globalId, nonce), expires) == null;
    }

    synchronized int size() {
        return seen.size();
    }
}
