package io.inkwire.camel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.rados.ObjectStat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.StreamCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every producer operation against the lab, checked with Ceph's own rados tool; and the errors as documented. */
class ProducerAgainstCephTest extends LabTestSupport {

    @TempDir
    Path tmp;

    private static String unique(String base) {
        return base + "-" + UUID.randomUUID();
    }

    private Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(new LinkedHashMap<>(headers));
        });
    }

    private byte[] radosGet(String... poolNsObj) throws Exception {
        Path out = tmp.resolve(UUID.randomUUID().toString());
        List<String> args = new ArrayList<>(List.of(poolNsObj));
        args.add(out.toString());
        CephLab.rados(args.toArray(String[]::new));
        return Files.readAllBytes(out);
    }

    @Test
    void putIsWhatRadosGetReadsAndGetStatReadItBack() throws Exception {
        String oid = unique("greeting");
        Exchange put = send("inkwire-rados:test", "hello, ceph", Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        assertNull(put.getException());
        assertEquals(11L, put.getMessage().getHeader(InkwireRadosConstants.OBJECT_SIZE));
        assertTrue(put.getMessage().getHeader(InkwireRadosConstants.OBJECT_VERSION, Long.class) > 0);
        assertArrayEquals("hello, ceph".getBytes(UTF_8), radosGet("-p", "test", "get", oid));

        Exchange get = send("inkwire-rados:test?operation=get&objectName=" + oid, null, Map.of());
        assertNull(get.getException());
        assertArrayEquals("hello, ceph".getBytes(UTF_8), get.getMessage().getBody(byte[].class));
        assertEquals(11L, get.getMessage().getHeader(InkwireRadosConstants.OBJECT_SIZE));

        Exchange stat = send("inkwire-rados:test", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid,
                InkwireRadosConstants.OPERATION, "stat"));
        ObjectStat st = stat.getMessage().getBody(ObjectStat.class);
        assertEquals(11L, st.size());
        assertTrue(Duration.between(st.mtime(), Instant.now()).abs().toMinutes() < 5, "mtime " + st.mtime());
        assertEquals(st.mtime(), stat.getMessage().getHeader(InkwireRadosConstants.LAST_MODIFIED));
        assertTrue(CephLab.rados("-p", "test", "stat", oid).contains("size 11"));
    }

    @Test
    void aStreamBodyIsWrittenInChunksAndALargeObjectIsReadAsAReReadableStream() throws Exception {
        String oid = unique("chunked");
        byte[] data = new byte[10_500];
        new Random(7).nextBytes(data);
        Exchange put = send("inkwire-rados:test?chunkSize=1000", new ByteArrayInputStream(data), Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        assertNull(put.getException());
        assertEquals(10_500L, put.getMessage().getHeader(InkwireRadosConstants.OBJECT_SIZE));
        assertArrayEquals(data, radosGet("-p", "test", "get", oid));

        Exchange get = send("inkwire-rados:test?operation=get&chunkSize=1000", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        Object body = get.getMessage().getBody();
        RadosObjectStream stream = assertInstanceOf(RadosObjectStream.class, body);
        assertEquals(10_500L, stream.length());
        assertArrayEquals(data, stream.readAllBytes());
        stream.reset(); // a StreamCache: read again from the cluster
        assertArrayEquals(data, stream.readAllBytes());
        StreamCache copy = stream.copy(get);
        assertArrayEquals(data, ((InputStream) copy).readAllBytes());

        // an object up to one chunk is a byte[]
        Exchange small = send("inkwire-rados:test?operation=get&chunkSize=10500", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        assertArrayEquals(data, assertInstanceOf(byte[].class, small.getMessage().getBody()));
    }

    @Test
    void anObjectRewrittenWhileStreamedFailsTheStream() throws Exception {
        String oid = unique("changing");
        byte[] data = new byte[3000];
        send("inkwire-rados:test", data, Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        Exchange get = send("inkwire-rados:test?operation=get&chunkSize=1000", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        InputStream stream = get.getMessage().getBody(InputStream.class);
        assertEquals(1000, stream.readNBytes(1000).length);
        Path other = Files.write(tmp.resolve("other"), new byte[3000]);
        CephLab.rados("-p", "test", "put", oid, other.toString());
        java.io.IOException e = assertThrows(java.io.IOException.class, stream::readAllBytes);
        assertTrue(e.getMessage().contains("changed while it was being read"), e.getMessage());
    }

    @Test
    void appendAddsToWhatRadosPut() throws Exception {
        String oid = unique("log");
        Path first = Files.writeString(tmp.resolve("first"), "one\n");
        CephLab.rados("-p", "test", "put", oid, first.toString());
        send("inkwire-rados:test?operation=append", "two\n", Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        Exchange e = send("inkwire-rados:test?operation=append&chunkSize=2", new ByteArrayInputStream("three\n".getBytes(UTF_8)),
                Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        assertNull(e.getException());
        assertEquals(6L, e.getMessage().getHeader(InkwireRadosConstants.OBJECT_SIZE));
        assertEquals("one\ntwo\nthree\n", new String(radosGet("-p", "test", "get", oid), UTF_8));
    }

    @Test
    void deleteRemovesTheObject() throws Exception {
        String oid = unique("doomed");
        CephLab.rados("-p", "test", "put", oid, Files.writeString(tmp.resolve("x"), "x").toString());
        assertNull(send("inkwire-rados:test?operation=delete", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid)).getException());
        CephLab.Result stat = CephLab.radosResult("-p", "test", "stat", oid);
        assertNotEquals(0, stat.exit());
        assertTrue(stat.err().contains("No such file or directory"), stat.err());
    }

    @Test
    void listReturnsEveryObjectOfTheNamespaceAcrossPagesWithTheCursor() throws Exception {
        String ns = unique("listing");
        Set<String> expected = new HashSet<>();
        Path f = Files.writeString(tmp.resolve("o"), "o");
        for (int i = 0; i < 25; i++) {
            String oid = "obj-" + i;
            CephLab.rados("-p", "test", "-N", ns, "put", oid, f.toString());
            expected.add(oid);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> headers = new LinkedHashMap<>();
            if (cursor != null) {
                headers.put(InkwireRadosConstants.LIST_CURSOR, cursor);
            }
            Exchange e = send("inkwire-rados:test?operation=list&maxResults=4&namespace=" + ns, null, headers);
            assertNull(e.getException());
            @SuppressWarnings("unchecked")
            List<String> names = e.getMessage().getBody(List.class);
            assertTrue(names.size() <= 4, "page of " + names.size());
            for (String n : names) {
                assertTrue(seen.add(n), "listed twice: " + n);
            }
            cursor = e.getMessage().getHeader(InkwireRadosConstants.NEXT_CURSOR, String.class);
            pages++;
            assertTrue(pages < 200, "the listing does not end");
        } while (cursor != null);
        assertEquals(expected, seen);
        assertTrue(pages >= 7, pages + " pages");
        assertEquals(expected, new HashSet<>(CephLab.rados("-p", "test", "-N", ns, "ls").lines().toList()));
    }

    @Test
    void xattrsGoBothWaysWithRadosSetxattrAndGetxattr() throws Exception {
        String oid = unique("attrs");
        CephLab.rados("-p", "test", "put", oid, Files.writeString(tmp.resolve("a"), "a").toString());
        send("inkwire-rados:test?operation=setxattr&xattrName=colour", "blue", Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        assertEquals("blue", CephLab.rados("-p", "test", "getxattr", oid, "colour"));

        CephLab.rados("-p", "test", "setxattr", oid, "shape", "round");
        Exchange get = send("inkwire-rados:test?operation=getxattr", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid,
                InkwireRadosConstants.XATTR_NAME, "shape"));
        assertArrayEquals("round".getBytes(UTF_8), get.getMessage().getBody(byte[].class));

        Exchange missing = send("inkwire-rados:test?operation=getxattr&xattrName=none", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        InkwireRadosException x = assertInstanceOf(InkwireRadosException.class, missing.getException());
        assertEquals(61, x.getErrno()); // ENODATA
    }

    @Test
    void omapGoesBothWaysWithRadosSetomapvalAndGetomapval() throws Exception {
        String oid = unique("omap");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("alpha", "1");
        values.put("beta", new byte[] { 0, 1, 2 });
        assertNull(send("inkwire-rados:test?operation=omapSet", values, Map.of(InkwireRadosConstants.OBJECT_NAME, oid)).getException());
        Path out = tmp.resolve("alpha");
        CephLab.rados("-p", "test", "getomapval", oid, "alpha", out.toString());
        assertEquals("1", Files.readString(out));
        assertEquals(List.of("alpha", "beta"), CephLab.rados("-p", "test", "listomapkeys", oid).lines().toList());

        CephLab.rados("-p", "test", "setomapval", oid, "gamma", "three");
        Exchange byKeys = send("inkwire-rados:test?operation=omapGet", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid,
                InkwireRadosConstants.OMAP_KEYS, "beta,gamma,absent"));
        @SuppressWarnings("unchecked")
        Map<String, byte[]> got = byKeys.getMessage().getBody(Map.class);
        assertEquals(Set.of("beta", "gamma"), got.keySet());
        assertArrayEquals(new byte[] { 0, 1, 2 }, got.get("beta"));
        assertArrayEquals("three".getBytes(UTF_8), got.get("gamma"));

        Exchange page = send("inkwire-rados:test?operation=omapGet&maxResults=2", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        @SuppressWarnings("unchecked")
        Map<String, byte[]> first = page.getMessage().getBody(Map.class);
        assertEquals(List.of("alpha", "beta"), new ArrayList<>(first.keySet()));
        assertEquals(Boolean.TRUE, page.getMessage().getHeader(InkwireRadosConstants.OMAP_MORE));
        Exchange rest = send("inkwire-rados:test?operation=omapGet&maxResults=2", null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid,
                InkwireRadosConstants.OMAP_START_AFTER, "beta"));
        @SuppressWarnings("unchecked")
        Map<String, byte[]> second = rest.getMessage().getBody(Map.class);
        assertEquals(List.of("gamma"), new ArrayList<>(second.keySet()));
        assertEquals(Boolean.FALSE, rest.getMessage().getHeader(InkwireRadosConstants.OMAP_MORE));
    }

    @Test
    void theNamespaceHeaderPicksTheNamespace() throws Exception {
        String oid = unique("spaced");
        send("inkwire-rados:test", "in a namespace", Map.of(InkwireRadosConstants.OBJECT_NAME, oid, InkwireRadosConstants.NAMESPACE, "ns1"));
        assertEquals("in a namespace", new String(radosGet("-p", "test", "-N", "ns1", "get", oid), UTF_8));
        assertNotEquals(0, CephLab.radosResult("-p", "test", "stat", oid).exit()); // not in the default namespace
    }

    @Test
    void aMissingObjectIsAnExceptionWithItsErrnoOrANullBodyWhenAskedSo() throws Exception {
        String oid = unique("absent");
        for (String op : List.of("get", "stat", "delete", "omapGet")) {
            Exchange e = send("inkwire-rados:test?operation=" + op, null, Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
            InkwireRadosException x = assertInstanceOf(InkwireRadosException.class, e.getException(), op);
            assertEquals(2, x.getErrno(), op);
            assertEquals(op, x.getOperation());
            assertEquals(oid, x.getObjectName());
            assertTrue(x.getMessage().startsWith(op + " test/" + oid + ": (2) No such file or directory"), x.getMessage());
        }
        Exchange lenient = send("inkwire-rados:test?operation=get&throwExceptionOnMissing=false", "stale body",
                Map.of(InkwireRadosConstants.OBJECT_NAME, oid));
        assertNull(lenient.getException());
        assertNull(lenient.getMessage().getBody());
        assertEquals(2, lenient.getMessage().getHeader(InkwireRadosConstants.ERRNO));
    }

    @Test
    void aMissingPoolIsAnExceptionNamingThePoolEvenWhenMissingObjectsAreTolerated() {
        Exchange e = send("inkwire-rados:no-such-pool?operation=get&throwExceptionOnMissing=false", null,
                Map.of(InkwireRadosConstants.OBJECT_NAME, "x"));
        InkwireRadosException x = assertInstanceOf(InkwireRadosException.class, e.getException());
        assertEquals(2, x.getErrno());
        assertEquals("no-such-pool", x.getPool());
        assertTrue(x.getMessage().startsWith("get no-such-pool/x: (2) No such file or directory"), x.getMessage());
    }

    @Test
    void badInputIsAOneLineError() {
        Exchange noName = send("inkwire-rados:test", "x", Map.of());
        assertEquals("put needs an object: set the CamelInkwireObjectName header or the endpoint's objectName",
                assertInstanceOf(IllegalArgumentException.class, noName.getException()).getMessage());

        Exchange badOp = send("inkwire-rados:test", "x", Map.of(InkwireRadosConstants.OBJECT_NAME, "x", InkwireRadosConstants.OPERATION, "copy"));
        assertTrue(badOp.getException().getMessage().startsWith("unknown CamelInkwireOperation 'copy': one of [put, get"),
                badOp.getException().getMessage());

        Exchange badCursor = send("inkwire-rados:test?operation=list", null, Map.of(InkwireRadosConstants.LIST_CURSOR, "nonsense"));
        assertTrue(badCursor.getException().getMessage().startsWith("bad CamelInkwireListCursor 'nonsense'"),
                badCursor.getException().getMessage());

        Exchange notAMap = send("inkwire-rados:test?operation=omapSet", "text", Map.of(InkwireRadosConstants.OBJECT_NAME, "x"));
        assertEquals("omapSet needs a Map body (key to bytes or text), not java.lang.String", notAMap.getException().getMessage());

        Exchange tooBig = send("inkwire-rados:test?operation=setxattr&xattrName=a&chunkSize=4", "12345",
                Map.of(InkwireRadosConstants.OBJECT_NAME, "x"));
        assertEquals("the xattr value is larger than chunkSize (4 bytes)", tooBig.getException().getMessage());

        ResolveEndpointFailedException chunk = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("inkwire-rados:test?chunkSize=0"));
        assertTrue(chunk.getMessage().contains("chunkSize 0: must be 1 to 94371840 bytes"), chunk.getMessage());
        ResolveEndpointFailedException move = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("inkwire-rados:test?moveAfterRead=true"));
        assertTrue(move.getMessage().contains("moveAfterRead would move objects onto themselves"), move.getMessage());
        ResolveEndpointFailedException noPool = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("inkwire-rados:"));
        assertFalse(noPool.getMessage().isEmpty());
    }
}
