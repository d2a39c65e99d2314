package io.inkwire.protocol;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends queued by application threads for the one thread that hands them to the session: a
 * lock-free stack that the taker reverses. Each {@link Session.Outgoing} is its own node, so a send
 * allocates nothing here (a {@code ConcurrentLinkedQueue} allocated a node per send, a quarter of
 * the objects of a 4 KiB round trip). An entry is added once; the taker empties the stack in one
 * step, so no entry can come back while a taker walks it.
 */
public final class SendInbox {

    private final AtomicReference<Session.Outgoing> top = new AtomicReference<>();

    /** Adds {@code o}; from any thread. */
    public void add(Session.Outgoing o) {
        Session.Outgoing t;
        do {
            t = top.get();
            o.next = t;
        } while (!top.compareAndSet(t, o));
    }

    /**
     * Empties the inbox: every entry added so far, oldest first, chained by {@link #next}; null
     * when there was none.
     */
    public Session.Outgoing takeAll() {
        Session.Outgoing newest = top.getAndSet(null);
        Session.Outgoing oldest = null;
        while (newest != null) {
            Session.Outgoing below = newest.next;
            newest.next = oldest;
            oldest = newest;
            newest = below;
        }
        return oldest;
    }

    /** The entry after {@code o} in what {@link #takeAll} returned, unlinked from it (the session keeps entries for a while: no chain stays reachable through them). */
    public static Session.Outgoing next(Session.Outgoing o) {
        Session.Outgoing n = o.next;
        o.next = null;
        return n;
    }
}
