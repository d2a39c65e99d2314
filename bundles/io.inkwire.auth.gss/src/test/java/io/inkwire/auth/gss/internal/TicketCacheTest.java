package io.inkwire.auth.gss.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketCacheTest {

    @TempDir
    Path dir;

    /** A version-4 FILE cache as MIT's kinit writes it: header tag, default principal, one credential. */
    static byte[] cache(String client, String server, long end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(bytes);
        o.writeShort(0x0504);
        o.writeShort(12); // header: tag 1 (KDC time offset), length 8, two u32
        o.writeShort(1);
        o.writeShort(8);
        o.writeInt(0);
        o.writeInt(0);
        principal(o, client);
        principal(o, client);
        principal(o, server);
        o.writeShort(18);
        data(o, new byte[32]);
        o.writeInt((int) (end - 3600));
        o.writeInt((int) (end - 3600));
        o.writeInt((int) end);
        o.writeInt(0);
        o.writeByte(0);
        o.writeInt(0x00e10000);
        o.writeInt(0); // addresses
        o.writeInt(0); // authdata
        data(o, new byte[300]);
        data(o, new byte[0]);
        return bytes.toByteArray();
    }

    static void principal(DataOutputStream o, String p) throws IOException {
        String[] nameRealm = p.split("@");
        String[] comps = nameRealm[0].split("/");
        o.writeInt(1);
        o.writeInt(comps.length);
        data(o, nameRealm[1].getBytes(StandardCharsets.UTF_8));
        for (String c : comps) {
            data(o, c.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void data(DataOutputStream o, byte[] d) throws IOException {
        o.writeInt(d.length);
        o.write(d);
    }

    @Test
    void reads_the_default_principal_and_the_end_of_the_initial_ticket() throws Exception {
        Path f = dir.resolve("cc");
        Files.write(f, cache("client.bob@R.TEST", "krbtgt/R.TEST@R.TEST", 1_700_000_000L));
        TicketCache.Contents c = TicketCache.read(f).orElseThrow();
        assertEquals("client.bob@R.TEST", c.defaultPrincipal());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), c.tgt("client.bob@R.TEST").orElseThrow().end());
        assertTrue(c.tgt("client.alice@R.TEST").isEmpty());
    }

    @Test
    void a_truncated_or_foreign_file_reads_as_nothing() throws Exception {
        byte[] good = cache("a@R", "krbtgt/R@R", 1);
        Path f = dir.resolve("cc");
        for (int cut : new int[] {0, 1, 3, 20, good.length - 1}) {
            Files.write(f, java.util.Arrays.copyOf(good, cut));
            assertTrue(TicketCache.read(f).isEmpty(), "cut at " + cut);
        }
        Files.writeString(f, "not a ticket cache");
        assertTrue(TicketCache.read(f).isEmpty());
        assertTrue(TicketCache.read(dir.resolve("missing")).isEmpty());
    }
}
