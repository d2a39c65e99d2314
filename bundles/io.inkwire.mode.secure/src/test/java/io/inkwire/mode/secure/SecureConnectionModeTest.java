package io.inkwire.mode.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.api.mode.Preamble;
import io.inkwire.mode.secure.internal.SecureFrameCodec;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.jar.Manifest;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecureConnectionModeTest {

    static byte[] secret() {
        byte[] s = new byte[64];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (i * 5 + 1);
        }
        return s;
    }

    static FrameCodecContext context(Role role, int revision, String provider) {
        CephConfig options = provider == null ? CephConfig.empty()
                : CephConfig.empty().with(SecureConnectionMode.OPTION_CRYPTO_PROVIDER, provider);
        return new FrameCodecContext(role, revision, secret(), 1 << 20, options);
    }

    @Test
    void identity() {
        SecureConnectionMode m = new SecureConnectionMode();
        assertEquals(2, m.id());
        assertEquals(ConnectionMode.CEPH_CON_MODE_SECURE, m.id());
        assertEquals("secure", m.name());
        assertEquals(64, m.connectionSecretLength());
        assertTrue(m.supportsRevision(1));
        assertFalse(m.supportsRevision(0));
        assertFalse(m.supportsRevision(2));
    }

    @Test
    void only_a_monitor_session_is_expected_to_carry_no_large_blocks() {
        assertFalse(SecureConnectionMode.carriesLargeBlocks(EntityType.MON));
        for (EntityType t : new EntityType[] {EntityType.OSD, EntityType.CLIENT, EntityType.MDS, EntityType.MGR, null}) {
            assertTrue(SecureConnectionMode.carriesLargeBlocks(t), "a session with " + t);
        }
    }

    @Test
    void a_codec_for_a_monitor_peer_seals_and_opens_large_blocks_as_any_other() throws Exception {
        SecureConnectionMode m = new SecureConnectionMode();
        byte[] payload = new byte[200_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        for (EntityType peer : new EntityType[] {EntityType.MON, EntityType.OSD}) {
            try (FrameCodec client = m.newFrameCodec(new FrameCodecContext(Role.CONNECTOR, 1, secret(), 1 << 20, CephConfig.empty(), peer));
                 FrameCodec server = m.newFrameCodec(new FrameCodecContext(Role.ACCEPTOR, 1, secret(), 1 << 20, CephConfig.empty(),
                         EntityType.CLIENT))) {
                ByteBuffer wire = client.encode(Frame.control(6, ByteBuffer.wrap(payload)))[0];
                Preamble p = server.decodePreamble(wire.slice(0, 96));
                assertEquals(ByteBuffer.wrap(payload), server.decodeRemainder(p, wire.slice(96, wire.remaining() - 96)).segment(0),
                        "peer " + peer);
            }
        }
    }

    @Test
    void revision_0_is_refused() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new SecureConnectionMode().newFrameCodec(context(Role.CONNECTOR, 0, null)));
        assertTrue(e.getMessage().contains("revision 0"), e.getMessage());
    }

    @ParameterizedTest(name = "provider option \"{0}\"")
    @ValueSource(strings = {"", "BC", "SunJCE", " BC "})
    void codecs_from_the_mode_talk_to_each_other(String provider) throws Exception {
        SecureConnectionMode m = new SecureConnectionMode();
        try (FrameCodec client = m.newFrameCodec(context(Role.CONNECTOR, 1, provider));
             FrameCodec server = m.newFrameCodec(context(Role.ACCEPTOR, 1, ""))) {
            assertEquals(96, client.preambleBlockLength());
            Frame f = Frame.control(18, ByteBuffer.wrap("12345678".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer[] wire = client.encode(f);
            ByteBuffer in = ByteBuffer.allocate(96);
            for (ByteBuffer b : wire) {
                in.put(b.duplicate());
            }
            in.flip();
            Preamble p = server.decodePreamble(in);
            assertEquals(0, server.remainderLength(p));
            assertEquals(ByteBuffer.wrap("12345678".getBytes(StandardCharsets.US_ASCII)),
                    server.decodeRemainder(p, ByteBuffer.allocate(0)).segment(0));
            // and the option picked the provider that did it
            String expected = provider.isBlank() ? jdkDefaultProvider() : provider.trim();
            assertEquals(expected, ((SecureFrameCodec) client).providerName());
            assertEquals(jdkDefaultProvider(), ((SecureFrameCodec) server).providerName());
        }
    }

    /** What the JCA picks for AES-GCM when no provider is named (SunJCE on a stock JDK; Bouncy Castle is not installed). */
    private static String jdkDefaultProvider() throws Exception {
        return Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName();
    }

    @Test
    void default_options_and_no_options_use_the_jdk() throws Exception {
        assertEquals("SunJCE", jdkDefaultProvider(), "the JDK's own AES-GCM");
        SecureConnectionMode m = new SecureConnectionMode();
        // bcprov is on this class path: it must still not be chosen unless asked for
        assertTrue(Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider") != null);
        for (FrameCodecContext c : new FrameCodecContext[] {context(Role.CONNECTOR, 1, null),
                new FrameCodecContext(Role.CONNECTOR, 1, secret(), 1 << 20, null)}) {
            try (FrameCodec codec = m.newFrameCodec(c)) {
                assertEquals("SunJCE", ((SecureFrameCodec) codec).providerName(), String.valueOf(c.options()));
            }
        }
    }

    @Test
    void an_unknown_provider_is_a_clear_error() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new SecureConnectionMode().newFrameCodec(context(Role.CONNECTOR, 1, "NoSuchProvider")));
        assertTrue(e.getMessage().contains("'NoSuchProvider' is not installed"), e.getMessage());
    }

    @Test
    void a_short_secret_is_refused() {
        assertThrows(ProtocolException.class, () -> new SecureConnectionMode()
                .newFrameCodec(new FrameCodecContext(Role.CONNECTOR, 1, new byte[16], 1 << 20, CephConfig.empty())));
    }

    @Test
    void found_by_service_loader() {
        assertTrue(ServiceLoader.load(ConnectionMode.class).stream()
                .anyMatch(p -> p.type() == SecureConnectionMode.class && p.get().id() == 2));
    }

    @Test
    void bnd_declares_the_ds_component_and_an_optional_bouncy_castle_import() throws Exception {
        try (InputStream in = SecureConnectionMode.class.getResourceAsStream(
                "/OSGI-INF/io.inkwire.mode.secure.SecureConnectionMode.xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("name=\"inkwire.mode.id\"") && xml.contains("type=\"Integer\"") && xml.contains("value=\"2\""), xml);
            assertTrue(xml.contains("name=\"inkwire.mode.name\"") && xml.contains("value=\"secure\""), xml);
            assertTrue(xml.contains("interface=\"io.inkwire.api.mode.ConnectionMode\""), xml);
        }
        Path classes = Path.of(SecureConnectionMode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest mf;
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            mf = new Manifest(in);
        }
        String imports = mf.getMainAttributes().getValue("Import-Package");
        assertTrue(imports.contains("org.bouncycastle.jce.provider;resolution:=optional"), imports);
        assertEquals("io.inkwire.mode.secure", mf.getMainAttributes().getValue("Bundle-SymbolicName"));
        String exports = mf.getMainAttributes().getValue("Export-Package");
        assertTrue(exports.contains("io.inkwire.mode.secure;") && !exports.contains("internal"), exports);
    }

    @Test
    void the_codec_is_a_secure_frame_codec() throws Exception {
        try (FrameCodec c = new SecureConnectionMode().newFrameCodec(context(Role.ACCEPTOR, 1, ""))) {
            assertInstanceOf(io.inkwire.mode.secure.internal.SecureFrameCodec.class, c);
        }
    }
}
