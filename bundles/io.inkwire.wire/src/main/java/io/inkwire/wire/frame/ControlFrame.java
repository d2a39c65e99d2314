package io.inkwire.wire.frame;

import io.inkwire.api.mode.Frame;
import io.inkwire.wire.CephEncoder;

/** A msgr2 control frame: one segment whose payload each frame class encodes and decodes beside each other. */
public interface ControlFrame {

    /** The frame's tag ({@link io.inkwire.wire.Tag}). */
    int tag();

    /** Writes the payload (segment 0). */
    void encodePayload(CephEncoder e);

    /** The frame ready for a {@link io.inkwire.api.mode.FrameCodec}. */
    default Frame toFrame() {
        CephEncoder e = new CephEncoder();
        encodePayload(e);
        return Frame.control(tag(), e.toByteBuffer());
    }
}
