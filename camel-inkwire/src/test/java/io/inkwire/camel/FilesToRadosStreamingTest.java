package io.inkwire.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files from a directory into the pool through a route, read back by Ceph's {@code rados get}
 * byte for byte, sizes up to 64 MiB, and large objects out again through the producer's get and
 * the consumer as streams, all in a JVM whose heap (-Xmx48m, surefire execution bounded-heap) is
 * smaller than the largest object: nothing holds an object whole.
 */
class FilesToRadosStreamingTest extends LabTestSupport {

    static final int MIB = 1 << 20;
    static final long[] SIZES = { 0, 1, 4 * MIB - 1, 4 * MIB, 4 * MIB + 1, 20 * MIB + 12345, 64 * MIB };

    static Path work;

    @BeforeAll
    static void heapIsBounded() throws Exception {
        String heap = System.getProperty("streaming.test.heap");
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(heap != null && max <= 48L * MIB, "run with -Xmx48m (surefire execution bounded-heap): max heap " + max);
        assertTrue(max < 64L * MIB, "the heap must be smaller than the largest object");
        work = Files.createTempDirectory("inkwire-camel-streaming");
    }

    @org.junit.jupiter.api.AfterAll
    static void removeFiles() throws Exception {
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void filesFromADirectoryAreWhatRadosGetReads() throws Exception {
        String run = UUID.randomUUID().toString();
        Path in = Files.createDirectories(work.resolve("in-" + run));
        Map<String, String> digests = new LinkedHashMap<>();
        for (long size : SIZES) {
            String name = "file-" + size + "-" + run;
            // written beside the directory, then moved in: the file consumer sees whole files only
            Path f = randomFile(work.resolve(name), size, size);
            digests.put(name, sha256(f));
            Files.move(f, in.resolve(name));
        }
        Set<String> stored = ConcurrentHashMap.newKeySet();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + in + "?noop=true&initialDelay=0&delay=200").routeId("files")
                        .setHeader(InkwireRadosConstants.OBJECT_NAME, simple("${file:name}"))
                        .to("inkwire-rados:test")
                        .process(e -> stored.add(e.getIn().getHeader(InkwireRadosConstants.OBJECT_NAME, String.class)));
            }
        });
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (stored.size() < SIZES.length && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(digests.keySet(), stored);
        for (Map.Entry<String, String> d : digests.entrySet()) {
            Path back = work.resolve("back-" + d.getKey());
            CephLab.rados("-p", "test", "get", d.getKey(), back.toString());
            assertEquals(d.getValue(), sha256(back), d.getKey() + " as rados get reads it");
            Files.delete(back);
        }
    }

    @Test
    void aLargeObjectComesOutOfGetAndTheConsumerAsAStream() throws Exception {
        String ns = "stream-" + UUID.randomUUID();
        Path src = randomFile(work.resolve("src-" + ns), 64L * MIB, 64);
        String digest = sha256(src);
        CephLab.rados("-p", "test", "-N", ns, "put", "big", src.toString());

        Exchange get = template.send("inkwire-rados:test?operation=get&namespace=" + ns, e -> e.getIn()
                .setHeader(InkwireRadosConstants.OBJECT_NAME, "big"));
        assertNull(get.getException());
        try (InputStream s = assertInstanceOf(RadosObjectStream.class, get.getMessage().getBody())) {
            assertEquals(digest, sha256(s));
        }

        // consumer → file: with Camel's stream caching on (its default), the body is its own cache
        Path out = Files.createDirectories(work.resolve("out-" + ns));
        assertTrue(context.isStreamCaching());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inkwire-rados:test?namespace=" + ns + "&delay=200").routeId("out")
                        .setHeader(Exchange.FILE_NAME, simple("${header." + InkwireRadosConstants.OBJECT_NAME + "}"))
                        .to("file:" + out + "?tempPrefix=.part-");
            }
        });
        Path file = out.resolve("big");
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!(Files.exists(file) && Files.size(file) == 64L * MIB) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(digest, sha256(file));
        while (!CephLab.rados("-p", "test", "-N", ns, "ls").isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200); // deleted after the route wrote it
        }
        assertEquals("", CephLab.rados("-p", "test", "-N", ns, "ls"));
        Files.delete(src);
    }
}
