package io.inkwire.api.mode;

import io.inkwire.api.Role;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;

/**
 * What a {@link FrameCodec} is made for: our role, the frame revision both banners agreed on, the
 * connection secret the auth exchange produced (empty for modes that need none), the limits, and
 * what the peer is (a mode may prepare for the traffic a peer of that type sends).
 *
 * @param role               connector or acceptor (decides which half of the secret is rx and tx)
 * @param revision           0 (msgr2.0) or 1 (msgr2.1)
 * @param connectionSecret   the secret from AUTH_DONE; the codec copies what it needs, the caller wipes it
 * @param maxSegmentLength   a preamble announcing a longer segment is a protocol error
 * @param options            the messenger's options, for mode-specific settings
 * @param peerType           the peer's entity type ({@code null}: not known, e.g. a codec made
 *                           outside a connection)
 */
public record FrameCodecContext(Role role, int revision, byte[] connectionSecret, long maxSegmentLength,
                                CephConfig options, EntityType peerType) {

    /** A context for a peer of no known type. */
    public FrameCodecContext(Role role, int revision, byte[] connectionSecret, long maxSegmentLength, CephConfig options) {
        this(role, revision, connectionSecret, maxSegmentLength, options, null);
    }

    @Override
    public String toString() {
        return "FrameCodecContext{role=" + role + ", revision=" + revision + ", secret=" + connectionSecret.length
                + " bytes, maxSegmentLength=" + maxSegmentLength + ", peer=" + (peerType == null ? "?" : peerType.text()) + "}";
    }
}
