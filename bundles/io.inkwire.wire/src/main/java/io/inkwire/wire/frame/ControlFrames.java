package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.Frame;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.Tag;

/** Decodes a received control frame by its tag. */
public final class ControlFrames {

    private ControlFrames() {
    }

    /**
     * Decodes {@code frame}'s payload. Trailing bytes after the known fields are ignored, as Ceph's
     * decoders do, so that newer peers may append fields.
     *
     * @throws ProtocolException a MESSAGE frame, more than one segment, or a malformed payload
     */
    public static ControlFrame decode(Frame frame) throws ProtocolException {
        if (frame.numSegments() != 1) {
            throw new ProtocolException(Tag.name(frame.tag()) + " frame with " + frame.numSegments() + " segments; a control frame has one");
        }
        CephDecoder d = new CephDecoder(frame.segment(0), Tag.name(frame.tag()));
        switch (frame.tag()) {
            case Tag.HELLO: return HelloFrame.decode(d);
            case Tag.AUTH_REQUEST: return AuthRequestFrame.decode(d);
            case Tag.AUTH_BAD_METHOD: return AuthBadMethodFrame.decode(d);
            case Tag.AUTH_REPLY_MORE: return AuthReplyMoreFrame.decode(d);
            case Tag.AUTH_REQUEST_MORE: return AuthRequestMoreFrame.decode(d);
            case Tag.AUTH_DONE: return AuthDoneFrame.decode(d);
            case Tag.AUTH_SIGNATURE: return AuthSignatureFrame.decode(d);
            case Tag.CLIENT_IDENT: return ClientIdentFrame.decode(d);
            case Tag.SERVER_IDENT: return ServerIdentFrame.decode(d);
            case Tag.IDENT_MISSING_FEATURES: return IdentMissingFeaturesFrame.decode(d);
            case Tag.SESSION_RECONNECT: return SessionReconnectFrame.decode(d);
            case Tag.SESSION_RESET: return SessionResetFrame.decode(d);
            case Tag.SESSION_RETRY: return SessionRetryFrame.decode(d);
            case Tag.SESSION_RETRY_GLOBAL: return SessionRetryGlobalFrame.decode(d);
            case Tag.SESSION_RECONNECT_OK: return SessionReconnectOkFrame.decode(d);
            case Tag.WAIT: return WaitFrame.decode(d);
            case Tag.KEEPALIVE2: return Keepalive2Frame.decode(d);
            case Tag.KEEPALIVE2_ACK: return Keepalive2AckFrame.decode(d);
            case Tag.ACK: return AckFrame.decode(d);
            case Tag.COMPRESSION_REQUEST: return CompressionRequestFrame.decode(d);
            case Tag.COMPRESSION_DONE: return CompressionDoneFrame.decode(d);
            default:
                throw new ProtocolException(Tag.name(frame.tag()) + " is not a control frame");
        }
    }
}
