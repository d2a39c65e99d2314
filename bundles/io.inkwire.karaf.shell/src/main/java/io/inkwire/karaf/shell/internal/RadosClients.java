package io.inkwire.karaf.shell.internal;

import io.inkwire.osgi.ClusterClientSettings;
import io.inkwire.osgi.InkwireProviders;
import io.inkwire.osgi.ManagedMessenger;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Where the {@code inkwire:rados-*} and {@code inkwire:osd-map} commands get their RADOS client: a
 * client of their own from {@code -c}/{@code -m} (connected for the command and closed after it),
 * or the {@code RadosClient} service of a configured messenger ({@code --messenger PID}, else the
 * best ranked). The RADOS packages are optional imports of this bundle: without feature
 * {@code inkwire-rados} these classes do not load and Karaf skips these commands only.
 */
final class RadosClients {

    private RadosClients() {
    }

    /** A client for one command, and what to say about it; closing it releases the service or closes the client. */
    record Lease(RadosClient client, String messenger, String entity, String monHost, String cluster, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    static Lease acquire(BundleContext bc, InkwireProviders providers, MonSessions.Target t) throws Exception {
        if (t.oneShot()) {
            ClusterClientSettings s = MonSessions.oneShot(providers, t);
            RadosClient c = Rados.connect(s.transport(), s.config(), s.monitors(), s.mountTimeout());
            return new Lease(c, "", s.config().name().toString(), s.config().options().getString("mon_host", ""),
                    s.config().options().getString("cluster", "ceph"), c::close);
        }
        List<ServiceReference<RadosClient>> refs = new ArrayList<>(services(bc, t.messenger()));
        if (refs.isEmpty()) {
            throw new IllegalStateException(missing(bc, t.messenger()));
        }
        ServiceReference<RadosClient> best = Collections.max(refs); // highest ranking, then oldest
        RadosClient c = bc.getService(best);
        if (c == null) {
            throw new IllegalStateException("the RADOS client of messenger " + best.getProperty("inkwire.messenger") + " went away");
        }
        return new Lease(c, text(best, "inkwire.messenger"), text(best, "inkwire.entity"), text(best, "inkwire.mon_host"),
                text(best, "inkwire.cluster"), () -> bc.ungetService(best));
    }

    private static Collection<ServiceReference<RadosClient>> services(BundleContext bc, String pid) {
        try {
            return bc.getServiceReferences(RadosClient.class, pid == null ? null : "(inkwire.messenger=" + escape(pid) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("--messenger " + pid + ": " + e.getMessage());
        }
    }

    /** Why there is no client: nothing configured, or which messengers are still connecting. */
    private static String missing(BundleContext bc, String pid) {
        StringBuilder connecting = new StringBuilder();
        for (ManagedMessenger m : MonSessions.managed(bc)) {
            if ((pid == null || pid.equals(m.pid())) && m.clusterClient().isPresent()) {
                connecting.append("\n  ").append(m.pid()).append(": ")
                        .append(m.monClientProblem().orElse("connecting the RADOS client (log:display tells why it is not up)"));
            }
        }
        if (connecting.length() > 0) {
            return "no RADOS client yet:" + connecting;
        }
        return (pid == null ? "no RADOS client" : "no RADOS client for messenger " + pid)
                + ": give -c CEPH_CONF or -m MON_HOST, or configure a messenger with mon_host (config:edit --factory io.inkwire.messenger)"
                + " and install feature inkwire-rados";
    }

    private static String text(ServiceReference<?> ref, String key) {
        Object v = ref.getProperty(key);
        return v == null ? "" : String.valueOf(v);
    }

    /** A filter value: {@code \ * ( )} preceded by a backslash (OSGi Core, "Filter syntax"). */
    private static String escape(String v) {
        return v.replaceAll("([\\\\*()])", "\\\\$1");
    }
}
