package io.inkwire.camel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch/notify between routes and Ceph's rados tool: `rados notify` → watch consumer → ack, and notify → `rados watch`. */
class WatchNotifyAgainstCephTest extends LabTestSupport {

    @TempDir
    Path tmp;

    private String createObject() throws Exception {
        String oid = "bell-" + UUID.randomUUID();
        CephLab.rados("-p", "test", "put", oid, Files.writeString(tmp.resolve("bell"), "bell").toString());
        return oid;
    }

    private static void awaitWatchers(String oid, int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (CephLab.rados("-p", "test", "listwatchers", oid).lines().filter(l -> l.startsWith("watcher=")).count() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no watcher on " + oid + " within 60 s");
            }
            Thread.sleep(200);
        }
    }

    /** `rados notify` encodes its message as a Ceph string: a u32 length, then the bytes. */
    private static String cephString(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt();
        assertEquals(payload.length - 4, n, "payload is a Ceph-encoded string");
        return new String(payload, 4, n, UTF_8);
    }

    @Test
    void radosNotifyReachesTheRouteAndTheRoutesReplyIsTheAckPayload() throws Exception {
        String oid = createObject();
        List<Exchange> received = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inkwire-rados:test?watch=true&objectName=" + oid).routeId("watcher").process(e -> {
                    received.add(e.copy());
                    String msg = cephString(e.getIn().getBody(byte[].class));
                    e.getMessage().setBody("ack:" + msg);
                });
            }
        });
        awaitWatchers(oid, 1);
        InkwireRadosWatchConsumer consumer = (InkwireRadosWatchConsumer) context.getRoute("watcher").getConsumer();

        String out = CephLab.rados("-p", "test", "notify", oid, "hello");
        assertEquals(1, received.size());
        Exchange e = received.get(0);
        assertEquals(oid, e.getIn().getHeader(InkwireRadosConstants.OBJECT_NAME));
        assertEquals(consumer.getCookie(), e.getIn().getHeader(InkwireRadosConstants.WATCH_COOKIE));
        assertTrue(e.getIn().getHeader(InkwireRadosConstants.NOTIFY_ID, Long.class) != 0);

        // rados notify prints each watcher's reply: its size, then a hexdump of it
        Matcher m = Pattern.compile("reply client\\.(\\d+) cookie (\\d+) : (\\d+) bytes").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(Long.toUnsignedString(consumer.getCookie()), m.group(2), out);
        assertEquals("ack:hello".length(), Integer.parseInt(m.group(3)), out);
        assertTrue(out.contains("|ack:hello|"), out);

        // stopping the route removes the watch
        context.getRouteController().stopRoute("watcher");
        CephLab.Result unwatched = CephLab.radosResult("-p", "test", "listwatchers", oid);
        assertTrue(unwatched.out().lines().noneMatch(l -> l.startsWith("watcher=")), "unwatched on stop: " + unwatched.out());
    }

    @Test
    void aRouteNotifiesRadosWatchAndGetsItsAck() throws Exception {
        String oid = createObject();
        Process watcher = new ProcessBuilder("rados", "-c", CephLab.conf().toString(), "-p", "test", "watch", oid)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("watch.out").toFile()).start();
        try {
            awaitWatchers(oid, 1);
            Exchange e = template.send("inkwire-rados:test?operation=notify&notifyTimeout=10000", x -> {
                x.getIn().setBody("ping from camel");
                x.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, oid);
            });
            assertNull(e.getException());
            @SuppressWarnings("unchecked")
            Map<String, byte[]> acks = assertInstanceOf(Map.class, e.getMessage().getBody());
            assertEquals(1, acks.size(), acks.keySet().toString());
            // rados watch answers a notify with its payload (src/tools/rados/rados.cc): back byte for byte
            assertArrayEquals("ping from camel".getBytes(UTF_8), acks.values().iterator().next());
            String key = acks.keySet().iterator().next();
            String watchers = CephLab.rados("-p", "test", "listwatchers", oid);
            assertTrue(watchers.contains("client." + key.substring(0, key.indexOf(':')) + " cookie=" + key.substring(key.indexOf(':') + 1)),
                    key + " vs " + watchers);
            assertEquals(List.of(), e.getMessage().getHeader(InkwireRadosConstants.NOTIFY_MISSED));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String seen = "";
            while (!seen.contains("NOTIFY") && System.nanoTime() < end) {
                Thread.sleep(100);
                seen = Files.readString(tmp.resolve("watch.out"));
            }
            assertTrue(seen.contains("NOTIFY cookie " + key.substring(key.indexOf(':') + 1)), seen);
        } finally {
            watcher.destroy();
            watcher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRouteThatFailsDoesNotAckAndTheNotifierCountsItMissed() throws Exception {
        String oid = createObject();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inkwire-rados:test?watch=true&objectName=" + oid).routeId("failing")
                        .process(e -> {
                            throw new IllegalStateException("cannot handle " + e.getIn().getBody(String.class));
                        });
                from("inkwire-rados:test?watch=true&watchTimeout=30&objectName=" + oid).routeId("answering").setBody(constant("fine"));
            }
        });
        awaitWatchers(oid, 2);
        long failingCookie = ((InkwireRadosWatchConsumer) context.getRoute("failing").getConsumer()).getCookie();
        long answeringCookie = ((InkwireRadosWatchConsumer) context.getRoute("answering").getConsumer()).getCookie();
        Exchange e = template.send("inkwire-rados:test?operation=notify&notifyTimeout=2000", x -> {
            x.getIn().setBody("job");
            x.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, oid);
        });
        assertNull(e.getException());
        @SuppressWarnings("unchecked")
        Map<String, byte[]> acks = e.getMessage().getBody(Map.class);
        assertEquals(1, acks.size(), acks.keySet().toString());
        Map.Entry<String, byte[]> only = acks.entrySet().iterator().next();
        assertTrue(only.getKey().endsWith(":" + Long.toUnsignedString(answeringCookie)), only.getKey());
        assertArrayEquals("fine".getBytes(UTF_8), only.getValue());
        @SuppressWarnings("unchecked")
        List<String> missed = e.getMessage().getHeader(InkwireRadosConstants.NOTIFY_MISSED, List.class);
        assertEquals(1, missed.size(), missed.toString());
        assertTrue(missed.get(0).endsWith(":" + Long.toUnsignedString(failingCookie)), missed.toString());
    }

    @Test
    void watchingAMissingObjectFailsTheRouteWithENOENT() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inkwire-rados:test?watch=true&objectName=no-such-" + UUID.randomUUID()).routeId("nowatch").to("log:x");
            }
        }));
        Throwable t = e;
        while (t != null && !(t instanceof InkwireRadosException)) {
            t = t.getCause();
        }
        InkwireRadosException x = assertInstanceOf(InkwireRadosException.class, t, String.valueOf(e));
        assertEquals(2, x.getErrno());
        assertEquals("watch", x.getOperation());
    }
}
