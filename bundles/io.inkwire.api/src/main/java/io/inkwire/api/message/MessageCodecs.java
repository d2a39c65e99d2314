package io.inkwire.api.message;

import io.inkwire.api.ProtocolException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable set of codecs keyed by message type: what one messenger knows how to decode.
 * Types no codec covers stay {@link RawMessage}s.
 */
public final class MessageCodecs {

    private final Map<Integer, MessageCodec<?>> byType;

    private MessageCodecs(Map<Integer, MessageCodec<?>> byType) {
        this.byType = byType;
    }

    public static MessageCodecs of(Collection<? extends MessageCodec<?>> codecs) {
        Map<Integer, MessageCodec<?>> m = new TreeMap<>();
        for (MessageCodec<?> c : codecs) {
            MessageCodec<?> prev = m.putIfAbsent(c.type(), c);
            if (prev != null && prev.getClass() != c.getClass()) {
                throw new IllegalArgumentException("two codecs for message type " + c.type() + ": "
                        + prev.getClass().getName() + " and " + c.getClass().getName());
            }
        }
        return new MessageCodecs(Map.copyOf(m));
    }

    public Optional<MessageCodec<?>> codec(int type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Collection<MessageCodec<?>> all() {
        return byType.values();
    }

    /** Decodes {@code raw} with its registered codec, or returns empty when no codec covers its type. */
    public Optional<CephMessage> decode(RawMessage raw, long features) throws ProtocolException {
        MessageCodec<?> c = byType.get(raw.type());
        return c == null ? Optional.empty() : Optional.of(c.decode(raw, features));
    }

    /** Decodes {@code raw} into the expected class, failing clearly when it is something else. */
    public <M extends CephMessage> M decode(RawMessage raw, long features, Class<M> expected) throws ProtocolException {
        CephMessage m = decode(raw, features).orElseThrow(() -> new MessageDecodeException("no codec for message type " + raw.type()));
        if (!expected.isInstance(m)) {
            throw new MessageDecodeException("message type " + raw.type() + " decoded as " + m.getClass().getSimpleName()
                    + ", expected " + expected.getSimpleName());
        }
        return expected.cast(m);
    }

    /** Encodes {@code msg} with the codec registered for its type. */
    @SuppressWarnings("unchecked")
    public RawMessage encode(CephMessage msg, long features) {
        MessageCodec<CephMessage> c = (MessageCodec<CephMessage>) byType.get(msg.type());
        if (c == null) {
            throw new IllegalArgumentException("no codec for message type " + msg.type());
        }
        return c.encode(msg, features);
    }
}
