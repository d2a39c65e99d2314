package io.inkwire.osgi.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.message.RawMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A messenger's dispatcher in OSGi: remembers the established connections (for
 * {@code inkwire:connections} and to close those that use a withdrawn provider) and forwards every
 * event to the {@link Dispatcher} services registered for this messenger.
 */
final class ConnectionTracker implements Dispatcher {

    private static final System.Logger LOG = System.getLogger(ConnectionTracker.class.getName());

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Supplier<List<Dispatcher>> dispatchers;

    ConnectionTracker(Supplier<List<Dispatcher>> dispatchers) {
        this.dispatchers = dispatchers;
    }

    @Override
    public void onMessage(Connection connection, RawMessage message) {
        for (Dispatcher d : dispatchers.get()) {
            try {
                d.onMessage(connection, message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a dispatcher failed on message type " + message.type() + ": " + e, e);
            }
        }
    }

    @Override
    public void onReady(Connection connection) {
        open.add(connection);
        for (Dispatcher d : dispatchers.get()) {
            try {
                d.onReady(connection);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a dispatcher failed in onReady: " + e, e);
            }
        }
    }

    @Override
    public void onClosed(Connection connection, Throwable cause) {
        open.remove(connection);
        for (Dispatcher d : dispatchers.get()) {
            try {
                d.onClosed(connection, cause);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a dispatcher failed in onClosed: " + e, e);
            }
        }
    }

    /** The established connections that are still open. */
    List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        for (Connection c : open) {
            if (c.isOpen()) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Closes the connections whose auth method ({@code kind = auth}) or mode ({@code kind = mode})
     * is {@code name}: their provider's bundle is gone, and its code must not keep running on them.
     *
     * @return how many were closed
     */
    int closeUsing(String kind, String name) {
        int n = 0;
        for (Connection c : open) {
            ConnectionInfo i = c.info().orElse(null);
            if (i != null && name.equals("auth".equals(kind) ? i.authMethod() : i.mode())) {
                LOG.log(System.Logger.Level.INFO, "closing " + i.peerAddr() + ": its " + kind + " provider " + name + " was withdrawn");
                c.close();
                open.remove(c);
                n++;
            }
        }
        return n;
    }
}
