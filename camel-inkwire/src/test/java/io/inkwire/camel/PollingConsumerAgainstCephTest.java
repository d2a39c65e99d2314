package io.inkwire.camel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polling consumer against objects Ceph's rados tool put: each consumed exactly once across
 * restarts (file idempotent repository), deleted or moved after processing, retried after a
 * failure. Each test works in a namespace of its own.
 */
class PollingConsumerAgainstCephTest extends LabTestSupport {

    @TempDir
    Path tmp;

    /** name → how many times a route saw it, and the bodies it saw. */
    private final Map<String, Integer> seen = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, String> bodies = Collections.synchronizedMap(new HashMap<>());

    private void radosPut(String ns, String oid, String content) throws Exception {
        Path f = Files.writeString(tmp.resolve(UUID.randomUUID().toString()), content);
        CephLab.rados("-p", "test", "-N", ns, "put", oid, f.toString());
    }

    private Set<String> radosLs(String ns) throws Exception {
        return new HashSet<>(CephLab.rados("-p", "test", "-N", ns, "ls").lines().toList());
    }

    private void record(Exchange e) {
        String name = e.getIn().getHeader(InkwireRadosConstants.OBJECT_NAME, String.class);
        seen.merge(name, 1, Integer::sum);
        bodies.put(name, e.getIn().getBody(String.class));
    }

    private void awaitSeen(Set<String> names) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.keySet().containsAll(names)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not consumed within 60 s: " + names.stream().filter(n -> !seen.containsKey(n)).toList());
            }
            Thread.sleep(100);
        }
    }

    private RouteBuilder routes(String routeId, String uri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(PollingConsumerAgainstCephTest.this::record);
            }
        };
    }

    private static Set<String> names(String prefix, int from, int to) {
        Set<String> out = new HashSet<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void eachObjectIsConsumedExactlyOnceAcrossRouteAndContextRestarts() throws Exception {
        String ns = "poll-" + UUID.randomUUID();
        Path store = tmp.resolve("consumed.txt");
        FileIdempotentRepository repo = (FileIdempotentRepository) FileIdempotentRepository.fileIdempotentRepository(store.toFile());
        context.getRegistry().bind("consumed", repo);
        String uri = "inkwire-rados:test?namespace=" + ns + "&deleteAfterRead=false&idempotentRepository=#consumed"
                + "&delay=100&maxMessagesPerPoll=4";
        for (String n : names("a", 0, 12)) {
            radosPut(ns, n, "content of " + n);
        }
        context.addRoutes(routes("poller", uri));
        awaitSeen(names("a", 0, 12));
        Thread.sleep(1000); // several more polls over the same, still present objects
        context.getRouteController().stopRoute("poller");
        assertEquals("content of a3", bodies.get("a3"));

        for (String n : names("b", 0, 5)) {
            radosPut(ns, n, "content of " + n);
        }
        context.getRouteController().startRoute("poller");
        awaitSeen(names("b", 0, 5));
        Thread.sleep(1000);
        context.getRouteController().stopRoute("poller");

        // a new context and a new repository over the same file: what a restarted application has
        for (String n : names("c", 0, 3)) {
            radosPut(ns, n, "content of " + n);
        }
        CamelContext second = new DefaultCamelContext();
        try {
            InkwireRadosComponent rados = new InkwireRadosComponent();
            rados.getConfiguration().setConf(CephLab.conf().toString());
            second.addComponent("inkwire-rados", rados);
            second.getRegistry().bind("consumed", FileIdempotentRepository.fileIdempotentRepository(store.toFile()));
            second.addRoutes(routes("poller2", uri));
            second.start();
            awaitSeen(names("c", 0, 3));
            Thread.sleep(1000);
        } finally {
            second.stop();
        }

        Set<String> all = new HashSet<>(names("a", 0, 12));
        all.addAll(names("b", 0, 5));
        all.addAll(names("c", 0, 3));
        assertEquals(all, seen.keySet());
        seen.forEach((name, times) -> assertEquals(1, times, name + " consumed " + times + " times"));
        assertEquals(all, radosLs(ns)); // deleteAfterRead=false: all still there
        List<String> keys = Files.readAllLines(store, UTF_8);
        assertTrue(keys.contains("test/" + ns + "/a0"), keys.toString());
    }

    @Test
    void processedObjectsAreDeletedByDefault() throws Exception {
        String ns = "delete-" + UUID.randomUUID();
        for (String n : names("d", 0, 3)) {
            radosPut(ns, n, n);
        }
        context.addRoutes(routes("deleter", "inkwire-rados:test?namespace=" + ns + "&delay=100"));
        awaitSeen(names("d", 0, 3));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!radosLs(ns).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(Set.of(), radosLs(ns));
    }

    @Test
    void moveAfterReadCarriesDataXattrsAndOmapToTheDestination() throws Exception {
        String ns = "inbox-" + UUID.randomUUID();
        String done = "done-" + UUID.randomUUID();
        byte[] big = new byte[2500];
        new java.util.Random(3).nextBytes(big);
        Path f = Files.write(tmp.resolve("big"), big);
        CephLab.rados("-p", "test", "-N", ns, "put", "m1", f.toString());
        CephLab.rados("-p", "test", "-N", ns, "setxattr", "m1", "owner", "alice");
        CephLab.rados("-p", "test", "-N", ns, "setomapval", "m1", "k", "v");
        context.addRoutes(routes("mover", "inkwire-rados:test?namespace=" + ns + "&moveAfterRead=true&destinationNamespace=" + done
                + "&destinationPrefix=processed/&chunkSize=1000&delay=100"));
        awaitSeen(Set.of("m1"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!radosLs(ns).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(Set.of(), radosLs(ns));
        assertEquals(Set.of("processed/m1"), radosLs(done));
        Path back = tmp.resolve("back");
        CephLab.rados("-p", "test", "-N", done, "get", "processed/m1", back.toString());
        assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(back)));
        assertEquals("alice", CephLab.rados("-p", "test", "-N", done, "getxattr", "processed/m1", "owner"));
        Path v = tmp.resolve("v");
        CephLab.rados("-p", "test", "-N", done, "getomapval", "processed/m1", "k", v.toString());
        assertEquals("v", Files.readString(v));
    }

    @Test
    void aFailedExchangeLeavesTheObjectAndItIsTriedAgain() throws Exception {
        String ns = "retry-" + UUID.randomUUID();
        Path store = tmp.resolve("retry.txt");
        context.getRegistry().bind("retryRepo", FileIdempotentRepository.fileIdempotentRepository(store.toFile()));
        radosPut(ns, "flaky", "x");
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("inkwire-rados:test?namespace=" + ns + "&idempotentRepository=#retryRepo&delay=100").routeId("flaky")
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw new IllegalStateException("first attempt fails");
                            }
                            record(e);
                        });
            }
        });
        awaitSeen(Set.of("flaky"));
        assertEquals(2, attempts.get());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!radosLs(ns).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(Set.of(), radosLs(ns)); // deleted after the successful attempt only
    }

    @Test
    void includeBodyFalseAndPrefixFilter() throws Exception {
        String ns = "filter-" + UUID.randomUUID();
        radosPut(ns, "in/1", "12345");
        radosPut(ns, "out/1", "x");
        List<Object> bodiesSeen = Collections.synchronizedList(new ArrayList<>());
        List<Long> sizes = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inkwire-rados:test?namespace=" + ns + "&prefix=in/&includeBody=false&deleteAfterRead=false&delay=100")
                        .routeId("filter").process(e -> {
                            bodiesSeen.add(e.getIn().getBody());
                            sizes.add(e.getIn().getHeader(InkwireRadosConstants.OBJECT_SIZE, Long.class));
                            record(e);
                        });
            }
        });
        awaitSeen(Set.of("in/1"));
        context.getRouteController().stopRoute("filter");
        assertEquals(Set.of("in/1"), seen.keySet());
        assertEquals(null, bodiesSeen.get(0));
        assertEquals(5L, sizes.get(0));
    }

    @Test
    void aMissingPoolDoesNotStopThePollingButIsReported() throws Exception {
        List<Exception> errors = Collections.synchronizedList(new ArrayList<>());
        context.getRegistry().bind("collect", (org.apache.camel.spi.ExceptionHandler) new org.apache.camel.spi.ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                errors.add((Exception) exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                errors.add((Exception) exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                errors.add((Exception) exception);
            }
        });
        context.addRoutes(routes("nopool", "inkwire-rados:no-such-pool?delay=100&exceptionHandler=#collect"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (errors.size() < 2 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertTrue(errors.size() >= 2, "polls reported " + errors);
        InkwireRadosException x = (InkwireRadosException) errors.get(0);
        assertEquals(2, x.getErrno());
        assertTrue(x.getMessage().startsWith("poll no-such-pool: (2) No such file or directory"), x.getMessage());
        assertNotEquals(null, context.getRoute("nopool"));
    }
}
