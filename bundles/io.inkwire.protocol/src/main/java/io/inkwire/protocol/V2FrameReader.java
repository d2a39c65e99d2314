package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.Banner;
import io.inkwire.wire.Tag;
import java.nio.ByteBuffer;

/**
 * Cuts one socket's msgr2 byte stream into the banner and then frames, in the reads the engine asks
 * the transport for: the banner's prefix and payload, then per frame its preamble and its remainder
 * ({@code ProtocolV2::read_frame}, {@code handle_read_frame_preamble_main}). A frame's lengths are
 * checked at its preamble, before any of it is buffered. Hands each decoded piece to its engine.
 */
final class V2FrameReader {

    private enum Step { BANNER_PREFIX, BANNER_PAYLOAD, PREAMBLE, REMAINDER }

    private final ProtocolV2 e;
    private Step step = Step.BANNER_PREFIX;
    private int want = Banner.PREFIX_AND_LENGTH;
    private Preamble preamble;
    private FrameCodec codec;
    /** The MESSAGE frame whose segments are being read: its length, for the transport's dispatch throttle; 0 otherwise. */
    private long messageBytesAhead;

    V2FrameReader(ProtocolV2 e) {
        this.e = e;
    }

    /** How many bytes the next {@link #read} needs. */
    int want() {
        return want;
    }

    long messageBytesAhead() {
        return messageBytesAhead;
    }

    /** The codec frames are read and written with (null until the banners were exchanged). */
    FrameCodec codec() {
        return codec;
    }

    /** Frames are read and written with {@code next} from the next preamble on; the codec before it is closed. */
    void use(FrameCodec next) {
        if (codec != null) {
            codec.close();
        }
        codec = next;
        step = Step.PREAMBLE;
        want = codec.preambleBlockLength();
    }

    /** Consumes exactly {@link #want()} bytes. */
    void read(ByteBuffer in) throws ProtocolException, AuthException {
        switch (step) {
            case BANNER_PREFIX -> {
                want = Banner.decodePrefix(in);
                step = Step.BANNER_PAYLOAD;
            }
            case BANNER_PAYLOAD -> e.hello.handleBanner(Banner.decodePayload(in));
            case PREAMBLE -> {
                preamble = codec.decodePreamble(in);
                checkLimits(preamble);
                long rest = codec.remainderLength(preamble);
                if (rest == 0) {
                    e.handleFrame(codec.decodeRemainder(preamble, ByteBuffer.allocate(0)));
                } else {
                    want = (int) rest;
                    step = Step.REMAINDER;
                    messageBytesAhead = preamble.tag() == Tag.MESSAGE ? rest : 0;
                }
            }
            case REMAINDER -> {
                messageBytesAhead = 0;
                Frame f = codec.decodeRemainder(preamble, in);
                // the next preamble first: handling the frame may switch codecs (AUTH_DONE), which starts over from there
                step = Step.PREAMBLE;
                want = codec.preambleBlockLength();
                if (f != null) {
                    e.handleFrame(f);
                }
            }
            default -> throw new IllegalStateException(step.name());
        }
    }

    private void checkLimits(Preamble p) throws ProtocolException {
        MessengerCore core = e.core;
        // refused at the preamble, so that an unauthenticated peer cannot make us buffer a message-sized frame
        if (p.tag() == Tag.MESSAGE && !e.isReady()) {
            throw new ProtocolException("MESSAGE frame in state " + e.state() + " (before the handshake completed)");
        }
        if (p.tag() == Tag.MESSAGE && p.totalLength() > core.maxMessageLength()) {
            throw new ProtocolException("MESSAGE frame of " + p.totalLength() + " bytes exceeds the message limit of " + core.maxMessageLength()
                    + " (" + MessengerCore.MAX_MESSAGE_OPTION + ")");
        }
        if (p.tag() != Tag.MESSAGE && p.totalLength() > core.maxControlFrameLength()) {
            throw new ProtocolException(Tag.name(p.tag()) + " frame of " + p.totalLength() + " bytes exceeds the control frame limit of "
                    + core.maxControlFrameLength());
        }
        if (codec.remainderLength(p) > Integer.MAX_VALUE - 64) {
            throw new ProtocolException("frame of " + p.totalLength() + " bytes is too large");
        }
    }

    void close() {
        if (codec != null) {
            codec.close();
        }
    }
}
