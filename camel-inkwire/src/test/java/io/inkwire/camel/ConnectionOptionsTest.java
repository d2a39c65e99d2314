package io.inkwire.camel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How endpoints reach the cluster: a RadosClient from the registry, or the CLI's options (monHost, keyring, name, ceph.*). */
@ExtendWith(CephLab.class)
class ConnectionOptionsTest extends CamelTestSupport {

    @TempDir
    Path tmp;

    private static String monHost() throws Exception {
        return Files.readAllLines(CephLab.conf()).stream().filter(l -> l.strip().startsWith("mon_host")).findFirst()
                .map(l -> l.substring(l.indexOf('=') + 1).strip()).orElseThrow();
    }

    private Exchange put(String uri, String oid, String body) {
        return template.send(uri, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, oid);
        });
    }

    private static byte[] radosGet(Path tmp, String oid) throws Exception {
        Path out = tmp.resolve(UUID.randomUUID().toString());
        CephLab.rados("-p", "test", "get", oid, out.toString());
        return Files.readAllBytes(out);
    }

    @Test
    void aRadosClientInTheRegistryIsUsedAndNotClosed() throws Exception {
        try (RadosClient client = new RadosClientFactory(Map.of()).connect(
                new RadosConnectionSettings(CephLab.conf().toString(), null, null, null, null, Map.of()))) {
            context.getRegistry().bind("rados", client);
            String oid = "autowired-" + UUID.randomUUID();
            assertNull(put("inkwire-rados:test", oid, "via the registry's client").getException());
            assertArrayEquals("via the registry's client".getBytes(UTF_8), radosGet(tmp, oid));
            context.stop();
            // the context did not close a client it was given
            Rados.await(client.ioCtx("test").writeFull(oid, ByteBuffer.wrap("still open".getBytes(UTF_8))));
            assertArrayEquals("still open".getBytes(UTF_8), radosGet(tmp, oid));
        }
    }

    @Test
    void monHostKeyringNameAndCephOptionsAsTheCliTakesThem() throws Exception {
        Path emptyConf = Files.writeString(tmp.resolve("empty.conf"), "");
        String oid = "options-" + UUID.randomUUID();
        String uri = "inkwire-rados:test?conf=" + emptyConf + "&monHost=RAW(" + monHost() + ")" + "&keyring=" + CephLab.adminKeyring()
                + "&name=client.admin&ceph.client_mount_timeout=30&ceph.ms_mon_client_mode=secure";
        assertNull(put(uri, oid, "via monHost and keyring").getException());
        assertArrayEquals("via monHost and keyring".getBytes(UTF_8), radosGet(tmp, oid));
    }

    @Test
    void aMissingConfOrKeyringIsAOneLineErrorWhenTheRouteStarts() throws Exception {
        Exception noConf = assertThrows(Exception.class, () -> startRoute("inkwire-rados:test?conf=/nonexistent/ceph.conf"));
        assertTrue(rootMessage(noConf).equals("cannot read configuration file /nonexistent/ceph.conf: no such file"), rootMessage(noConf));

        Path emptyConf = Files.writeString(tmp.resolve("empty.conf"), "");
        Exception noKey = assertThrows(Exception.class, () -> startRoute("inkwire-rados:test?conf=" + emptyConf + "&monHost=RAW(" + monHost() + ")"
                + "&keyring=" + tmp.resolve("absent.keyring") + "&ceph.client_mount_timeout=10"));
        String m = rootMessageOf(noKey, "cannot connect");
        assertTrue(m.startsWith("cannot connect to " + monHost() + " as client.admin: ") && m.contains("(and no keyring: "), m);

        Exception noMons = assertThrows(Exception.class, () -> startRoute("inkwire-rados:test?conf=" + emptyConf));
        assertTrue(rootMessage(noMons).startsWith("no monitors: set monHost"), rootMessage(noMons));
    }

    private void startRoute(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + UUID.randomUUID()).to(uri);
            }
        });
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static String rootMessageOf(Throwable t, String prefix) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().startsWith(prefix)) {
                return c.getMessage();
            }
        }
        return rootMessage(t);
    }
}
