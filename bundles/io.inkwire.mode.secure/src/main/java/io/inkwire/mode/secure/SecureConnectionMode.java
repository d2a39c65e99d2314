package io.inkwire.mode.secure;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.mode.secure.internal.SecureFrameCodec;
import io.inkwire.api.annotations.InkwireConnectionMode;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_CON_MODE_SECURE} (2), named {@code secure}: every frame after AUTH_DONE is sealed
 * with AES-128-GCM, key and nonces taken from the 64-byte connection secret the auth method
 * produced ({@code src/msg/async/crypto_onwire.cc}).
 *
 * <p>Only msgr2.1 (revision 1) framing is implemented. Revision 0 secure mode runs one GCM
 * operation over the whole frame, so its preamble could only be read before the tag is checked;
 * every Ceph release that speaks secure mode since Nautilus 14.2.11, and the Linux kernel client,
 * negotiate revision 1, so no real peer needs it.
 *
 * <p>The option {@code inkwire_crypto_provider} picks the JCA provider: empty for the JDK's
 * default, {@code BC} for Bouncy Castle (an optional dependency, loaded only when asked), or
 * the name of any installed {@link java.security.Provider}.
 */
@InkwireConnectionMode(value = "secure", id = ConnectionMode.CEPH_CON_MODE_SECURE)
@Component(service = ConnectionMode.class, property = {"inkwire.mode.id:Integer=2", "inkwire.mode.name=secure"})
public final class SecureConnectionMode implements ConnectionMode {

    /** Bytes of connection secret: 16 key + 12 rx nonce + 12 tx nonce, padded by cephx to 64. */
    public static final int CONNECTION_SECRET_LENGTH = 64;
    /** The option naming the JCA provider for AES-GCM. */
    public static final String OPTION_CRYPTO_PROVIDER = "inkwire_crypto_provider";

    /** For the service registry and {@link java.util.ServiceLoader}. */
    public SecureConnectionMode() {
    }

    @Override
    public int id() {
        return CEPH_CON_MODE_SECURE;
    }

    @Override
    public String name() {
        return "secure";
    }

    @Override
    public int connectionSecretLength() {
        return CONNECTION_SECRET_LENGTH;
    }

    /** Revision 1 only; see the class comment for why revision 0 is left out. */
    @Override
    public boolean supportsRevision(int revision) {
        return revision == 1;
    }

    /**
     * A revision-1 codec for one connection.
     *
     * @throws ProtocolException revision 0, a secret shorter than 40 bytes, or a crypto provider
     *                           that is not available
     */
    @Override
    public FrameCodec newFrameCodec(FrameCodecContext context) throws ProtocolException {
        if (!supportsRevision(context.revision())) {
            throw new ProtocolException("secure mode needs msgr2.1 framing; revision " + context.revision()
                    + " is not supported");
        }
        String provider = context.options() == null ? ""
                : context.options().getString(OPTION_CRYPTO_PROVIDER, "").trim();
        return new SecureFrameCodec(context.role(), context.connectionSecret(), context.maxSegmentLength(), provider,
                carriesLargeBlocks(context.peerType()));
    }

    /**
     * Whether a session with a peer of this type may move blocks large enough for the JDK's GCM to
     * need warming up first (the secure codec's {@code GcmWarmUp}, a quarter of a CPU second once
     * per JVM): object data does, to and from OSDs and from clients; a monitor's maps and command
     * replies are small, so a command that talks to monitors only does not pay for it. An unknown
     * peer counts as one that may.
     */
    static boolean carriesLargeBlocks(EntityType peer) {
        return peer != EntityType.MON;
    }

    @Override
    public String toString() {
        return "ConnectionMode{secure (2)}";
    }
}
