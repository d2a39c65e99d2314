package io.inkwire.camel;

import io.inkwire.rados.RadosClient;
import java.util.HashMap;
import java.util.Map;

/**
 * The clients a component connected itself, one per distinct connection settings, shared by the
 * endpoints using them and closed when the last one lets go (as librados keeps one client per
 * cluster handle, not per I/O context).
 */
final class SharedRadosClients {

    private final RadosClientFactory factory;
    private final Map<RadosConnectionSettings, Entry> clients = new HashMap<>();

    private static final class Entry {
        final RadosClient client;
        int users;

        Entry(RadosClient client) {
            this.client = client;
        }
    }

    SharedRadosClients(RadosClientFactory factory) {
        this.factory = factory;
    }

    /** The client for these settings, connected on first use (which blocks up to client_mount_timeout). */
    synchronized RadosClient acquire(RadosConnectionSettings settings) throws Exception {
        Entry e = clients.get(settings);
        if (e == null) {
            e = new Entry(factory.connect(settings));
            clients.put(settings, e);
        }
        e.users++;
        return e.client;
    }

    /** One user fewer; the last one closes the client. */
    synchronized void release(RadosConnectionSettings settings) {
        Entry e = clients.get(settings);
        if (e != null && --e.users == 0) {
            clients.remove(settings);
            e.client.close();
        }
    }

    /** Closes every client (the component stops). */
    synchronized void closeAll() {
        clients.values().forEach(e -> e.client.close());
        clients.clear();
    }
}
