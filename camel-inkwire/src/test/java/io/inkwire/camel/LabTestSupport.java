package io.inkwire.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.ExtendWith;

/** Routes against the lab: the component reads the lab's ceph.conf (which names its admin keyring). */
@ExtendWith(CephLab.class)
abstract class LabTestSupport extends CamelTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        InkwireRadosComponent rados = new InkwireRadosComponent();
        rados.getConfiguration().setConf(CephLab.conf().toString());
        ctx.addComponent("inkwire-rados", rados);
        return ctx;
    }

    /** A file of {@code size} pseudo-random bytes (from {@code seed}), written in 1 MiB pieces. */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(buf.length, left);
                r.nextBytes(buf);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** SHA-256 of a file, read in pieces. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
