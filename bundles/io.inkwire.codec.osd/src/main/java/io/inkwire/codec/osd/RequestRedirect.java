package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.Objects;

/**
 * {@code request_redirect_t} ({@code src/osd/osd_types.h}, {@code osd_types.cc}): where an OSD tells
 * a client to send an op instead (cache tiering), {@code ENCODE_START(1, 1)} +
 * {@code object_locator_t} + {@code string redirect_object} + {@code u32} length of the removed
 * {@code osd_instructions} bufferlist (skipped when not zero, written as 0).
 *
 * @param locator the locator to use (authoritative)
 * @param object the object name to use instead, or "" to keep the original
 */
public record RequestRedirect(ObjectLocator locator, String object) {

    public RequestRedirect {
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(object, "object");
    }

    public static RequestRedirect decode(CephDecoder d) throws ProtocolException {
        d.startStruct(1, "request_redirect_t");
        ObjectLocator locator = ObjectLocator.decode(d);
        String object = d.string();
        d.skip(d.u32()); // legacy osd_instructions
        d.finishStruct("request_redirect_t");
        return new RequestRedirect(locator, object);
    }

    public void encode(CephEncoder e) {
        e.startStruct(1, 1);
        locator.encode(e);
        e.string(object).u32(0);
        e.finishStruct();
    }
}
