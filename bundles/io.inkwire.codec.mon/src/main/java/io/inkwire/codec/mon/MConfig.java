package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;

/**
 * {@code MSG_CONFIG} (62), v1 ({@code src/messages/MConfig.h}): the central config options that
 * apply to the receiver, {@code map<string,string>}. Sent to clients subscribed to "config".
 *
 * @param config option name to value, sorted as Ceph's {@code std::map}
 */
public record MConfig(Map<String, String> config) implements CephMessage {

    /** {@code MSG_CONFIG}. */
    public static final int MSG_CONFIG = 62;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    public MConfig {
        SortedMap<String, String> sorted = new TreeMap<>(MonWire.STRING_ORDER);
        sorted.putAll(config);
        config = Collections.unmodifiableSortedMap(sorted);
    }

    @Override
    public int type() {
        return MSG_CONFIG;
    }

    /** Encodes and decodes {@link MConfig}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=62")
    public static final class Codec implements MessageCodec<MConfig> {

        @Override
        public int type() {
            return MSG_CONFIG;
        }

        @Override
        public Class<MConfig> messageClass() {
            return MConfig.class;
        }

        @Override
        public MConfig decode(RawMessage raw, long features) throws ProtocolException {
            MonWire.checkCompat(raw, "MConfig", HEAD_VERSION);
            CephDecoder d = MonWire.front(raw, "MConfig");
            return new MConfig(d.stringMap());
        }

        @Override
        public RawMessage encode(MConfig m, long features) {
            CephEncoder e = new CephEncoder();
            e.stringMap(m.config);
            return MonWire.header(MSG_CONFIG, HEAD_VERSION, COMPAT_VERSION).front(MonWire.front(e)).build();
        }
    }
}
