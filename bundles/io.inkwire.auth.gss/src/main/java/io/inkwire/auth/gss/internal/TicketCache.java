package io.inkwire.auth.gss.internal;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a FILE ticket cache holds (MIT's ccache format, versions 3 and 4: big-endian, a
 * default principal, then credentials), only to say why a login from it failed: the JDK answers
 * an expired ticket, a cache of another principal and no cache at all with the same "Unable to
 * obtain password from user".
 */
final class TicketCache {

    private static final int MAX_FILE = 4 << 20;

    /** One credential: its client and server principals and when it ends. */
    record Credential(String client, String server, Instant end) {
    }

    /** What the cache holds. */
    record Contents(String defaultPrincipal, List<Credential> credentials) {

        /** The initial ticket (krbtgt/REALM@REALM) of {@code principal}, if any. */
        Optional<Credential> tgt(String principal) {
            return credentials.stream().filter(c -> c.client().equals(principal) && c.server().startsWith("krbtgt/")).findFirst();
        }
    }

    private TicketCache() {
    }

    /** The contents of the cache file, or empty if it is missing or not a cache we can read. */
    static Optional<Contents> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)); // big-endian, as versions 3 and 4 are
            int version = b.getShort() & 0xffff;
            if (version != 0x0503 && version != 0x0504) {
                return Optional.empty();
            }
            if (version == 0x0504) {
                skip(b, b.getShort() & 0xffff); // header tags (e.g. the KDC time offset)
            }
            String dflt = principal(b);
            List<Credential> creds = new ArrayList<>();
            while (b.hasRemaining()) {
                String client = principal(b);
                String server = principal(b);
                b.getShort(); // enctype
                if (version == 0x0503) {
                    b.getShort();
                }
                data(b); // key
                b.getInt(); // authtime
                b.getInt(); // starttime
                long end = b.getInt() & 0xffffffffL;
                b.getInt(); // renew_till
                b.get(); // is_skey
                b.getInt(); // ticket flags
                for (int i = count(b); i > 0; i--) {
                    b.getShort();
                    data(b);
                }
                for (int i = count(b); i > 0; i--) {
                    b.getShort();
                    data(b);
                }
                data(b); // ticket
                data(b); // second ticket
                if (!server.startsWith("X-CACHECONF:")) {
                    creds.add(new Credential(client, server, Instant.ofEpochSecond(end)));
                }
            }
            return Optional.of(new Contents(dflt, creds));
        } catch (IOException | BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String principal(ByteBuffer b) {
        b.getInt(); // name type
        int n = count(b);
        String realm = new String(data(b), StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append('/');
            }
            s.append(new String(data(b), StandardCharsets.UTF_8));
        }
        return s.append('@').append(realm).toString();
    }

    private static int count(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("count " + n);
        }
        return n;
    }

    private static byte[] data(ByteBuffer b) {
        byte[] d = new byte[count(b)];
        b.get(d);
        return d;
    }

    private static void skip(ByteBuffer b, int n) {
        if (n > b.remaining()) {
            throw new IllegalArgumentException("header of " + n + " bytes");
        }
        b.position(b.position() + n);
    }
}
