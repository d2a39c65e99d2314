package io.inkwire.mode.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.api.mode.Preamble;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Run by the surefire execution {@code without-bouncycastle}, whose class path lacks bcprov: the
 * mode must work on the JDK alone and turn a request for BC into a clear error.
 */
class WithoutBouncyCastleTest {

    @BeforeAll
    static void onlyInTheExecutionWithoutBouncyCastle() {
        // this class runs only in the without-bouncycastle surefire execution (the default one excludes it)
        assertTrue("true".equals(System.getProperty("inkwire.test.withoutBouncyCastle")),
                "run me through the without-bouncycastle execution, where bcprov is off the class path");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider"));
    }

    static FrameCodecContext context(Role role, String provider) {
        return new FrameCodecContext(role, 1, SecureConnectionModeTest.secret(), 1 << 20,
                CephConfig.empty().with(SecureConnectionMode.OPTION_CRYPTO_PROVIDER, provider));
    }

    @Test
    void the_jdk_provider_works() throws Exception {
        SecureConnectionMode m = new SecureConnectionMode();
        try (FrameCodec client = m.newFrameCodec(context(Role.CONNECTOR, ""));
             FrameCodec server = m.newFrameCodec(context(Role.ACCEPTOR, ""))) {
            byte[] payload = new byte[300];
            ByteBuffer wire = client.encode(Frame.control(6, ByteBuffer.wrap(payload)))[0];
            Preamble p = server.decodePreamble(wire.slice(0, 96));
            assertEquals(300, server.decodeRemainder(p, wire.slice(96, wire.remaining() - 96)).segmentLength(0));
            assertEquals("SunJCE", ((io.inkwire.mode.secure.internal.SecureFrameCodec) client).providerName());
        }
    }

    @Test
    void asking_for_bc_is_a_clear_error() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new SecureConnectionMode().newFrameCodec(context(Role.CONNECTOR, "BC")));
        assertTrue(e.getMessage().contains("bcprov is not available"), e.getMessage());
    }
}
