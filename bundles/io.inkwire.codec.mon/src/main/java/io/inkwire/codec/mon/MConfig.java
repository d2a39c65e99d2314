package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.StdString;
import io.inkwire.wire.message.MessageCodecSupport;
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
        SortedMap<String, String> sorted = new TreeMap<>(StdString.ORDER);
        sorted.putAll(config);
        config = Collections.unmodifiableSortedMap(sorted);
    }

    @Override
    public int type() {
        return MSG_CONFIG;
    }

    /** Encodes and decodes {@link MConfig}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=62")
    public static final class Codec extends MessageCodecSupport<MConfig> {

        public Codec() {
            super(MSG_CONFIG, MConfig.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MConfig decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            return new MConfig(front.stringMap());
        }

        @Override
        protected void encodeFront(MConfig m, CephEncoder front, long features) {
            front.stringMap(m.config);
        }
    }
}
