package io.inkwire.codec.mon;

import io.inkwire.api.message.RawMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Payloads carved from the lab captures (see {@code capture/README.md} beside them). */
final class Captured {

    static final java.util.UUID MSGR2_CRC_FSID = java.util.UUID.fromString("5d61cf2f-dd45-4db4-b861-446e1c12ef84");
    static final java.util.UUID MSGR1_CEPHX_FSID = java.util.UUID.fromString("86e89fca-2c53-4042-b632-62f7bac8696a");

    private Captured() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Captured.class.getResourceAsStream("capture/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource capture/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A received message as the messenger would deliver it. */
    static RawMessage received(int type, int version, int compat, long tid, String front) {
        return RawMessage.builder(type).version(version).compatVersion(compat).tid(tid).priority(196)
                .front(bytes(front)).build();
    }

    static byte[] front(RawMessage m) {
        return copy(m.front());
    }

    static byte[] data(RawMessage m) {
        return copy(m.data());
    }

    private static byte[] copy(ByteBuffer segment) {
        byte[] out = new byte[segment.remaining()];
        segment.get(out);
        return out;
    }
}
