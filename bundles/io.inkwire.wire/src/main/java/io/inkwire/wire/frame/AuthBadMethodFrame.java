package io.inkwire.wire.frame;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Tag;
import java.util.List;

/** AUTH_BAD_METHOD (3): {@code u32 method} (refused), {@code s32 result} (negative errno), {@code vector<u32> allowed_methods}, {@code vector<u32> allowed_modes}. */
public record AuthBadMethodFrame(int method, int result, List<Integer> allowedMethods, List<Integer> allowedModes) implements ControlFrame {

    @Override
    public int tag() {
        return Tag.AUTH_BAD_METHOD;
    }

    @Override
    public void encodePayload(CephEncoder e) {
        e.u32(method).u32(result).u32List(allowedMethods).u32List(allowedModes);
    }

    public static AuthBadMethodFrame decode(CephDecoder d) throws ProtocolException {
        return new AuthBadMethodFrame((int) d.u32(), d.s32(), d.u32List(), d.u32List());
    }
}
