package io.inkwire.api.mode;

import io.inkwire.api.ProtocolException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A msgr2 connection mode: how frames are protected once authentication is done. Ceph defines
 * {@code crc} (1) and {@code secure} (2); a plugin may add its own id for inkwire peers.
 *
 * <p>Registered as an OSGi service with the properties {@code inkwire.mode.id} and
 * {@code inkwire.mode.name}, or found with {@link java.util.ServiceLoader}. Which modes a
 * connection offers, and in which order, is decided by the {@code ms_*_mode} options; this
 * interface only supplies the framing.
 */
@ConsumerType
public interface ConnectionMode {

    /** {@code CEPH_CON_MODE_CRC}. */
    int CEPH_CON_MODE_CRC = 1;
    /** {@code CEPH_CON_MODE_SECURE}. */
    int CEPH_CON_MODE_SECURE = 2;

    /** The wire value ({@code CEPH_CON_MODE_*}). */
    int id();

    /** The name used in the {@code ms_*_mode} options. */
    String name();

    /**
     * Bytes of connection secret this mode needs from the auth method (0 for crc, 64 for
     * secure). A mode that needs a secret cannot be used with an auth method that yields none.
     */
    int connectionSecretLength();

    /** Whether the mode can frame this msgr2 revision (0 or 1). */
    boolean supportsRevision(int revision);

    /** A codec for one connection. */
    FrameCodec newFrameCodec(FrameCodecContext context) throws ProtocolException;
}
