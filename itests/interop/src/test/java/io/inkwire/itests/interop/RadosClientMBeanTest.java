package io.inkwire.itests.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ObjecterCounters;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.internal.RadosClientMBeans;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real client's counters through the platform MBeanServer, as jconsole or a JMX exporter reads
 * them: {@code io.inkwire:type=RadosClient,name=client.admin,id=<global id>}, one per client
 * instance, every attribute equal to {@link RadosClient#counters()} after real I/O (a write, a
 * read, a stat of a missing object: ENOENT counted), registered by Rados.connect, gone once the
 * client closes.
 */
class RadosClientMBeanTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("jmx", 13394, 16883).auth("cephx").osd();

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static RadosClient connect() throws Exception {
        return connect(CephConfig.empty());
    }

    private static RadosClient connect(CephConfig options) throws Exception {
        return Rados.connect(Providers.transport(), Providers.forLab(LAB.conf(), options).build(),
                Providers.monitors(LAB.conf()), Duration.ofSeconds(60));
    }

    @Test
    void aClientWithInkwireJmxOffPublishesNothing() throws Exception {
        try (RadosClient on = connect(); RadosClient off = connect(CephConfig.of(Map.of("inkwire_jmx", "false")))) {
            long onId = on.monClient().session().info().orElseThrow().globalId();
            long offId = off.monClient().session().info().orElseThrow().globalId();
            assertTrue(SERVER.isRegistered(new ObjectName("io.inkwire:type=RadosClient,name=client.admin,id=" + onId)),
                    "published by default");
            assertEquals(Set.of(), SERVER.queryNames(new ObjectName("io.inkwire:type=RadosClient,name=client.admin,id=" + offId), null),
                    "inkwire_jmx=false: no MBean for client " + offId);
            IoCtx io = off.ioCtx("test");
            Rados.await(io.writeFull("jmx-off-object", ByteBuffer.wrap("works".getBytes(UTF_8))));
            assertTrue(off.counters().getOpsSent() >= 1, "the counters themselves still count: " + off.counters().getOpsSent());
        }
    }

    @Test
    void theCountersOfARealClientReadThroughJmxAndGoAwayWhenItCloses() throws Exception {
        ObjectName name;
        try (RadosClient client = connect()) {
            // Rados.connect registered it: register hands back that name
            name = RadosClientMBeans.register(client, EntityName.CLIENT_ADMIN);
            try {
                assertNotNull(name, "registration refused");
                long globalId = client.monClient().session().info().orElseThrow().globalId();
                assertEquals(new ObjectName("io.inkwire:type=RadosClient,name=client.admin,id=" + globalId), name);
                assertTrue(SERVER.queryNames(new ObjectName("io.inkwire:type=RadosClient,*"), null).contains(name));
                assertSame(name, RadosClientMBeans.register(client, EntityName.CLIENT_ADMIN), "a second call registers nothing new");

                IoCtx io = client.ioCtx("test");
                Rados.await(io.writeFull("jmx-object", ByteBuffer.wrap("counted".getBytes(UTF_8))));
                assertEquals("counted", UTF_8.decode(Rados.await(io.read("jmx-object", 0, 0))).toString());
                RadosException missing = assertThrows(RadosException.class, () -> Rados.await(io.stat("jmx-no-such-object")));
                assertEquals(2, missing.errno(), missing.getMessage());

                ObjecterCounters c = client.counters();
                assertEquals(0L, SERVER.getAttribute(name, "OpsInFlight"));
                assertTrue((long) SERVER.getAttribute(name, "OpsSent") >= 3, () -> "OpsSent " + c.getOpsSent());
                assertEquals(c.getOpsSent(), SERVER.getAttribute(name, "OpsSent"));
                assertEquals(c.getOpsResent(), SERVER.getAttribute(name, "OpsResent"));
                assertEquals(c.getReplies(), SERVER.getAttribute(name, "Replies"));
                assertTrue(c.getReplies() >= 3, "replies " + c.getReplies());
                assertEquals(client.osdMapEpoch(), SERVER.getAttribute(name, "MapEpoch"));
                assertTrue(client.osdMapEpoch() > 0);
                assertEquals(c.getMapsApplied(), SERVER.getAttribute(name, "MapsApplied"));
                assertEquals(1, SERVER.getAttribute(name, "OsdSessions"), "one OSD, one session");
                Map<String, Long> errors = errors((TabularData) SERVER.getAttribute(name, "ErrorsByErrno"));
                assertEquals(c.getErrorsByErrno(), errors);
                assertEquals(1L, errors.get("ENOENT"), errors.toString());
            } finally {
                assertTrue(SERVER.isRegistered(name), "registered while open");
            }
        }
        assertFalse(SERVER.isRegistered(name), "closing the client unregisters its MBean");
    }

    @Test
    void twoClientsOfOneEntityGetTwoNames() throws Exception {
        try (RadosClient a = connect(); RadosClient b = connect()) {
            ObjectName na = RadosClientMBeans.register(a, EntityName.CLIENT_ADMIN);
            ObjectName nb = RadosClientMBeans.register(b, EntityName.CLIENT_ADMIN);
            try {
                assertNotEquals(na, nb);
                assertEquals("client.admin", na.getKeyProperty("name"));
                assertEquals("client.admin", nb.getKeyProperty("name"));
                Set<ObjectName> all = SERVER.queryNames(new ObjectName("io.inkwire:type=RadosClient,name=client.admin,*"), null);
                assertTrue(all.containsAll(Set.of(na, nb)), all.toString());
                assertInstanceOf(Long.class, SERVER.getAttribute(nb, "MapEpoch"));
            } finally {
                RadosClientMBeans.unregister(a);
                RadosClientMBeans.unregister(b);
                RadosClientMBeans.unregister(b); // twice is harmless
            }
            assertFalse(SERVER.isRegistered(na) || SERVER.isRegistered(nb));
        }
    }

    /** An MXBean {@code Map<String, Long>}: rows of (key, value). */
    private static Map<String, Long> errors(TabularData t) {
        Map<String, Long> out = new TreeMap<>();
        for (Object row : t.values()) {
            CompositeData d = (CompositeData) row;
            out.put((String) d.get("key"), (Long) d.get("value"));
        }
        return out;
    }
}
