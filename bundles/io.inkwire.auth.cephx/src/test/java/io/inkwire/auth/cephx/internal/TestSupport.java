package io.inkwire.auth.cephx.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerSession;
import io.inkwire.api.auth.AuthServerStep;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.random.RandomGenerator;

/** Shared helpers: fixtures from the captures, a settable clock, scripted randomness, in-memory keyrings. */
final class TestSupport {

    static final CephxCipher CIPHER;

    static {
        try {
            CIPHER = CephxCipher.forProvider("");
        } catch (AuthException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestSupport() {
    }

    /** The carved payloads in captures/cephx-auth-payloads.properties. */
    static final Properties PAYLOADS = load("/captures/cephx-auth-payloads.properties");

    static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = TestSupport.class.getResourceAsStream(resource)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static byte[] hex(String key) {
        String v = PAYLOADS.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no fixture " + key);
        }
        return HexFormat.of().parseHex(v);
    }

    static long number(String key) {
        return Long.parseLong(PAYLOADS.getProperty(key));
    }

    /** The 16 secret bytes of a base64 CryptoKey as Ceph prints it. */
    static byte[] secretOf(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64);
        byte[] s = new byte[16];
        System.arraycopy(raw, 12, s, 0, 16);
        return s;
    }

    static byte[] logKey(String key) {
        return secretOf(PAYLOADS.getProperty(key));
    }

    /** Parses a Ceph keyring file from the test resources ({@code [name]} sections, {@code key = ...}). */
    static MapKeyring keyring(String resource) {
        MapKeyring k = new MapKeyring();
        String text;
        try (InputStream in = TestSupport.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String section = null;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                section = t.substring(1, t.length() - 1);
            } else if (t.startsWith("key") && section != null) {
                k.put(EntityName.parse(section), CryptoKey.fromBase64(t.substring(t.indexOf('=') + 1)));
            }
        }
        return k;
    }

    static CryptoKey randomKey() {
        return CryptoKey.generateAes();
    }

    /** A keyring in a map. */
    static final class MapKeyring implements Keyring {
        final Map<EntityName, CryptoKey> keys = new HashMap<>();

        MapKeyring put(EntityName name, CryptoKey key) {
            keys.put(name, key);
            return this;
        }

        MapKeyring put(String name, CryptoKey key) {
            return put(EntityName.parse(name), key);
        }

        @Override
        public Optional<CryptoKey> key(EntityName entity) {
            return Optional.ofNullable(keys.get(entity));
        }
    }

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Randomness whose next u64s can be scripted (challenges, nonces); everything else is really random. */
    static final class ScriptedRandom implements RandomGenerator {
        private final ArrayDeque<Long> script = new ArrayDeque<>();
        private final SecureRandom real = new SecureRandom();

        ScriptedRandom then(long... values) {
            for (long v : values) {
                script.add(v);
            }
            return this;
        }

        boolean exhausted() {
            return script.isEmpty();
        }

        @Override
        public long nextLong() {
            Long v = script.poll();
            return v != null ? v : real.nextLong();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            real.nextBytes(bytes);
        }
    }

    static CephxRuntime runtime(Clock clock, RandomGenerator random) {
        return new CephxRuntime(CIPHER, clock, random);
    }

    /** Runs one connection's exchange to the end, as the protocol engine would. */
    static AuthResult[] exchange(AuthClientSession c, AuthServerSession s, int conMode, int secretLength) throws AuthException {
        AuthServerStep step = s.handle(c.initialRequest(), false);
        int rounds = 0;
        while (step.kind() == AuthServerStep.Kind.MORE) {
            if (++rounds > 4) {
                throw new AssertionError("too many rounds");
            }
            step = s.handle(c.handleReplyMore(step.payload()), true);
        }
        AuthResult server = step.result();
        AuthResult client = c.handleDone(server.globalId(), conMode, secretLength, step.payload());
        return new AuthResult[] {client, server};
    }
}
