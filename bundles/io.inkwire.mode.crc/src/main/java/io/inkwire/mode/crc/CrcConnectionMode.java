package io.inkwire.mode.crc;

import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.api.annotations.InkwireConnectionMode;
import org.osgi.service.component.annotations.Component;

/**
 * {@code crc} mode: after authentication frames keep the CRC32C framing used during the handshake.
 * It protects against corruption, not against an attacker; it needs no connection secret.
 */
@InkwireConnectionMode(value = "crc", id = ConnectionMode.CEPH_CON_MODE_CRC)
@Component(service = ConnectionMode.class, property = {"inkwire.mode.id:Integer=1", "inkwire.mode.name=crc"})
public final class CrcConnectionMode implements ConnectionMode {

    @Override
    public int id() {
        return CEPH_CON_MODE_CRC;
    }

    @Override
    public String name() {
        return "crc";
    }

    @Override
    public int connectionSecretLength() {
        return 0;
    }

    @Override
    public boolean supportsRevision(int revision) {
        return revision == 0 || revision == 1;
    }

    @Override
    public FrameCodec newFrameCodec(FrameCodecContext context) {
        return new CrcFrameCodec(context.revision(), context.maxSegmentLength(), context.options().getBoolean("ms_crc_data", true));
    }

    @Override
    public String toString() {
        return "crc";
    }
}
