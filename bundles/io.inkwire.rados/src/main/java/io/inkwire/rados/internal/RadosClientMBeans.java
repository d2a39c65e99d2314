package io.inkwire.rados.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.addr.EntityName;
import io.inkwire.monclient.MonClient;
import io.inkwire.rados.ObjecterCounters;
import io.inkwire.rados.RadosClient;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Publishes a client's request-engine counters ({@link ObjecterCounters}: ops in flight, sent,
 * resent, replies, errors by errno, map epoch, maps applied, OSD sessions) as an MXBean in the
 * platform MBeanServer, as {@code io.inkwire:type=RadosClient,name=<entity>,id=<global id>}: the
 * entity the client authenticated as, and the global id the monitor gave this client instance (what
 * Ceph calls it in its logs and {@code sessions} dumps, {@code client.4153}), so that two clients of
 * one entity in a JVM do not collide. {@code ObjectName("io.inkwire:type=RadosClient,*")} finds
 * every client.
 *
 * <p>The client calls {@link #register} once connected and {@link #unregister} when it closes. JMX
 * is an observer: a registration that fails (a security manager, a name taken) is logged, never
 * fails the client.
 */
public final class RadosClientMBeans {

    /** The ObjectName domain of every inkwire MBean. */
    public static final String DOMAIN = "io.inkwire";
    /** The {@code type} key of a client's MBean. */
    public static final String TYPE = "RadosClient";

    private static final System.Logger LOG = System.getLogger(RadosClientMBeans.class.getName());
    /** By client identity: the engine does not define equality, and a registry must not care. */
    private static final Map<RadosClient, ObjectName> REGISTERED = Collections.synchronizedMap(new IdentityHashMap<>());

    private RadosClientMBeans() {
    }

    /**
     * Registers {@code client}'s counters, once: a second call returns the first name.
     *
     * @param entity the entity the client authenticated as
     * @return the MBean's name, or null when JMX refused it (logged)
     */
    public static ObjectName register(RadosClient client, EntityName entity) {
        synchronized (REGISTERED) {
            ObjectName existing = REGISTERED.get(client);
            if (existing != null) {
                return existing;
            }
            try {
                ObjectName name = name(entity, globalId(client.monClient()));
                StandardMBean bean = new StandardMBean(client.counters(), ObjecterCounters.class, true);
                ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
                REGISTERED.put(client, name);
                return name;
            } catch (JMException | SecurityException e) {
                LOG.log(System.Logger.Level.WARNING, "RADOS client counters not published over JMX: " + e);
                return null;
            }
        }
    }

    /** Unregisters what {@link #register} registered for {@code client}; nothing when it registered nothing. */
    public static void unregister(RadosClient client) {
        ObjectName name = REGISTERED.remove(client);
        if (name == null) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException gone) {
            // unregistered by someone else: nothing left to do
        } catch (JMException | SecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot unregister " + name + ": " + e);
        }
    }

    /** {@code io.inkwire:type=RadosClient,name=<entity>[,id=<global id>]}; values quoted when they need it. */
    public static ObjectName name(EntityName entity, long globalId) throws MalformedObjectNameException {
        String name = DOMAIN + ":type=" + TYPE + ",name=" + value(entity.toString());
        return new ObjectName(globalId > 0 ? name + ",id=" + globalId : name);
    }

    /** The global id the monitor session authenticated with, 0 when unknown. */
    private static long globalId(MonClient mon) {
        Connection session = mon == null ? null : mon.session();
        return session == null ? 0 : session.info().map(ConnectionInfo::globalId).orElse(0L);
    }

    /** An ObjectName value as is, or quoted when it holds a character that would end or break it. */
    private static String value(String s) {
        for (char c : s.toCharArray()) {
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n' || c == '\\') {
                return ObjectName.quote(s);
            }
        }
        return s;
    }
}
