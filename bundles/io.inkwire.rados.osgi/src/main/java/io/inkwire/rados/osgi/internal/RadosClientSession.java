package io.inkwire.rados.osgi.internal;

import io.inkwire.osgi.ClusterClientSettings;
import io.inkwire.osgi.ManagedMessenger;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Connects one messenger's RADOS client on a thread of its own, retrying with backoff while the
 * cluster cannot be reached, then registers it as a service (the client publishes its counters
 * over JMX itself, as every RadosClient does). Once connected the client
 * keeps itself up: its monitor session hunts again when lost and OSD sessions open on demand.
 * {@link #stop} unregisters and closes it.
 */
final class RadosClientSession implements Runnable {

    private static final System.Logger LOG = System.getLogger(RadosClientSession.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final BundleContext bc;
    private final ManagedMessenger messenger;
    private final Hashtable<String, Object> props;
    private final Thread thread;

    private boolean stopped;
    private boolean cleanedUp;
    private RadosClient client;
    private ServiceRegistration<RadosClient> registration;

    RadosClientSession(BundleContext bc, ManagedMessenger messenger, Hashtable<String, Object> props) {
        this.bc = bc;
        this.messenger = messenger;
        this.props = props;
        this.thread = new Thread(this, "inkwire-rados-" + messenger.pid());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        long backoffMillis = 500;
        while (!isStopped()) {
            RadosClient c = null;
            try {
                ClusterClientSettings s = messenger.clusterClient()
                        .orElseThrow(() -> new IllegalStateException("messenger " + messenger.pid() + " has no mon_host"));
                c = Rados.connect(s.transport(), s.config(), s.monitors(), s.mountTimeout());
                if (publish(c, s.config().options().getString("cluster", "ceph"))) {
                    LOG.log(System.Logger.Level.INFO, "messenger " + messenger.pid() + ": RADOS client up, osdmap e" + c.osdMapEpoch());
                    return;
                }
                c.close(); // stopped while connecting
                return;
            } catch (InterruptedException e) {
                if (c != null) {
                    c.close();
                }
                return;
            } catch (Exception e) {
                if (c != null) {
                    c.close();
                }
                LOG.log(System.Logger.Level.WARNING, "messenger " + messenger.pid() + ": no RADOS client yet (retrying in "
                        + backoffMillis + " ms): " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /**
     * Registers the client unless {@link #stop} came first. The registration happens outside the
     * lock (service listeners run in it); {@link #stop} waits for this thread before it cleans up,
     * and should that wait time out, whatever is registered after the clean-up is undone here.
     */
    private boolean publish(RadosClient c, String cluster) {
        synchronized (this) {
            if (stopped) {
                return false;
            }
        }
        Hashtable<String, Object> p = new Hashtable<>(props);
        p.put("inkwire.cluster", cluster);
        p.put("inkwire.fsid", String.valueOf(c.monClient().fsid()));
        ServiceRegistration<RadosClient> r = bc.registerService(RadosClient.class, c, p);
        synchronized (this) {
            client = c;
            registration = r;
            if (!cleanedUp) {
                return true;
            }
        }
        cleanUp();
        return true;
    }

    /** Unregisters and closes the client; waits for a connection attempt to give up. */
    void stop() {
        synchronized (this) {
            stopped = true;
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            cleanedUp = true;
        }
        cleanUp();
    }

    private void cleanUp() {
        RadosClient c;
        ServiceRegistration<RadosClient> r;
        synchronized (this) {
            c = client;
            r = registration;
            client = null;
            registration = null;
        }
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // our bundle is stopping and the framework took it
            }
        }
        if (c != null) {
            c.close();
            LOG.log(System.Logger.Level.INFO, "messenger " + messenger.pid() + ": RADOS client closed");
        }
    }
}
