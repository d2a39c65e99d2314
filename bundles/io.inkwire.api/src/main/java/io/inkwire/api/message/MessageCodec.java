package io.inkwire.api.message;

import io.inkwire.api.ProtocolException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Encodes and decodes one message type. Codecs register per message type: as OSGi services
 * (property {@code inkwire.message.type}) or through {@link java.util.ServiceLoader}.
 *
 * <p>A decoder must treat its input as hostile: check every length against what remains, reject
 * a {@code compat_version} newer than it understands, and throw {@link MessageDecodeException}
 * rather than any runtime exception.
 *
 * @param <M> the message class
 */
@ConsumerType
public interface MessageCodec<M extends CephMessage> {

    /** The message type this codec handles. */
    int type();

    /** The class of messages this codec produces. */
    Class<M> messageClass();

    /**
     * Decodes a received message.
     *
     * @param features the CEPH feature bits negotiated on the connection
     */
    M decode(RawMessage raw, long features) throws ProtocolException;

    /** Encodes a message for a connection with the given negotiated features. */
    RawMessage encode(M message, long features);
}
