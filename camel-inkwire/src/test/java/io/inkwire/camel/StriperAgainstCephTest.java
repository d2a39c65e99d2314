package io.inkwire.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.rados.ObjectStat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code striper=true} against Ceph's libradosstriper: a large stream body put striped by a route is
 * what {@code rados --striper get} reads, an object put by {@code rados --striper put} comes out of
 * get as a stream, byte for byte, and delete leaves no piece behind ({@code rados ls}).
 */
class StriperAgainstCephTest extends LabTestSupport {

    static final long SIZE = (100L << 20) + 3;
    static Path work;

    @BeforeAll
    static void dir() throws Exception {
        work = Files.createTempDirectory("inkwire-camel-striper");
    }

    @AfterAll
    static void removeFiles() throws Exception {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aStreamBodyPutStripedIsWhatRadosStriperGetReads() throws Exception {
        String soid = "striped-" + UUID.randomUUID();
        Path src = randomFile(work.resolve(soid), SIZE, 7);
        Exchange put;
        try (InputStream body = Files.newInputStream(src)) {
            put = template.send("inkwire-rados:test?striper=true", e -> {
                e.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, soid);
                e.getIn().setBody(body);
            });
        }
        assertNull(put.getException());
        assertEquals(SIZE, put.getMessage().getHeader(InkwireRadosConstants.OBJECT_SIZE, Long.class));
        Path back = work.resolve("back-" + soid);
        CephLab.rados("-p", "test", "--striper", "get", soid, back.toString());
        assertEquals(sha256(src), sha256(back));
        assertTrue(CephLab.rados("-p", "test", "--striper", "stat", soid).endsWith(", size " + SIZE + "\n"));
        assertEquals("4194304", CephLab.rados("-p", "test", "getxattr", soid + ".0000000000000000", "striper.layout.stripe_unit"));
        assertTrue(("\n" + CephLab.rados("-p", "test", "--striper", "ls")).contains("\n" + soid + "\n"));

        Exchange del = template.send("inkwire-rados:test?striper=true&operation=delete",
                e -> e.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, soid));
        assertNull(del.getException());
        assertTrue(CephLab.rados("-p", "test", "ls").lines().noneMatch(n -> n.startsWith(soid)));
    }

    @Test
    void anObjectPutByRadosStriperComesOutOfGetAsAStream() throws Exception {
        String soid = "theirs-" + UUID.randomUUID();
        Path src = randomFile(work.resolve(soid), 30L << 20, 8);
        CephLab.rados("-p", "test", "--striper", "put", soid, src.toString());
        Exchange get = template.send("inkwire-rados:test?striper=true&operation=get",
                e -> e.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, soid));
        assertNull(get.getException());
        assertEquals(30L << 20, get.getMessage().getHeader(InkwireRadosConstants.OBJECT_SIZE, Long.class));
        try (InputStream s = assertInstanceOf(StripedObjectStream.class, get.getMessage().getBody())) {
            assertEquals(sha256(src), sha256(s));
        }
        Exchange stat = template.send("inkwire-rados:test?striper=true&operation=stat",
                e -> e.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, soid));
        assertEquals(30L << 20, assertInstanceOf(ObjectStat.class, stat.getMessage().getBody()).size());
        // a small one comes as bytes
        Path small = randomFile(work.resolve("small-" + soid), 1000, 9);
        CephLab.rados("-p", "test", "--striper", "put", "small-" + soid, small.toString());
        Exchange sget = template.send("inkwire-rados:test?striper=true&operation=get",
                e -> e.getIn().setHeader(InkwireRadosConstants.OBJECT_NAME, "small-" + soid));
        assertArrayEquals(Files.readAllBytes(small), assertInstanceOf(byte[].class, sget.getMessage().getBody()));
        CephLab.rados("-p", "test", "--striper", "rm", soid);
        CephLab.rados("-p", "test", "--striper", "rm", "small-" + soid);
    }
}
