package io.inkwire.wire.message;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The frame every message codec shares, so that a message class holds only its fields and their
 * encoding: the header ({@code type}, {@code HEAD_VERSION}, {@code COMPAT_VERSION}, priority, tid),
 * the check of the received {@code compat_version}, the front segment as a {@link CephDecoder} /
 * {@link CephEncoder}, and the data segment passed through as it is. Ceph splits a message the same
 * way ({@code src/msg/Message.cc}: a message's {@code encode_payload} fills {@code payload}, the
 * front, and {@code data}; {@code Message::encode} around it completes the header).
 *
 * <h2>Writing a codec</h2>
 * Nest the codec in its message class, pass the message's constants to this constructor and write
 * the two halves of the front beside each other:
 * <pre>{@code
 * @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=98")
 * public static final class Codec extends MessageCodecSupport<MCommandReply> {
 *     public Codec() {
 *         super(MSG_COMMAND_REPLY, MCommandReply.class, HEAD_VERSION, COMPAT_VERSION);
 *     }
 *
 *     protected MCommandReply decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
 *         return new MCommandReply(raw.tid(), front.s32(), front.string(), bytes(raw.data()));
 *     }
 *
 *     protected void encodeFront(MCommandReply m, CephEncoder front, long features) {
 *         front.u32(m.r()).string(m.rs());
 *     }
 *
 *     protected ByteBuffer data(MCommandReply m) {
 *         return ByteBuffer.wrap(m.output());
 *     }
 * }
 * }</pre>
 * The codec needs a public no-argument constructor (DS and {@link java.util.ServiceLoader} create
 * it) and is listed in the bundle's {@code module-info} {@code provides} and
 * {@code META-INF/services/io.inkwire.api.message.MessageCodec}.
 *
 * <h2>What is done here, once</h2>
 * <ul>
 * <li>Decoding refuses a message whose {@code compat_version} is newer than {@code headVersion}
 *     before reading a byte. An older {@code version} is the decoder's to handle: read
 *     {@code raw.version()} and leave out what that version lacked, as Ceph's
 *     {@code decode_payload} does with {@code header.version}.</li>
 * <li>Bytes left in the front after the fields are ignored: they are what a newer sender of the same
 *     compat appended, which Ceph's decoders skip too.</li>
 * <li>Every {@link ProtocolException} of the decoder (a length past the end, a bad count, a struct
 *     too new) and every {@link IllegalArgumentException} of the message's constructor (a value it
 *     refuses) leaves as a {@link MessageDecodeException} naming the message class; nothing else
 *     should escape, since a hostile peer chooses the bytes. A payload decoded on its own inside
 *     {@link #decodeFront} goes through {@link PayloadDecoder} for the same guarantee.</li>
 * <li>Encoding stamps {@code type}, {@code headVersion}, {@code compatVersion}, {@link #priority}
 *     and the message's {@link CephMessage#tid()} in the header; middle stays empty and
 *     {@code data_off} 0.</li>
 * </ul>
 *
 * <h2>Messages with a data segment, priority or tid</h2>
 * A message that carries bulk bytes (command input and output, an OSD op's object data) returns
 * them from {@link #data} and reads them back from {@code raw.data()} in {@link #decodeFront}, where
 * they may also be split by lengths the front gave. A message carrying a transaction id returns it
 * from {@code tid()} and takes it from {@code raw.tid()}. A message sent at another priority than
 * {@link RawMessage#CEPH_MSG_PRIO_DEFAULT} overrides {@link #priority}. MOSDOp, for instance, is
 * {@code super(CEPH_MSG_OSD_OP, MOSDOp.class, 8, 3)} with the op's priority (the Objecter's
 * {@code osd_client_op_priority}, 63), the Objecter's op id as tid, the ops' input payloads
 * concatenated as data and, when decoding, each op's {@code payload_len} bytes taken from the data
 * in order.
 *
 * <p>What a decoded message keeps must be copied ({@link #bytes}, {@link CephDecoder#bytes},
 * {@link CephDecoder#string}): {@link CephDecoder#slice}, {@link CephDecoder#bytesView} and
 * {@code raw}'s segments are views of the received buffers, which belong to the messenger (see
 * {@link RawMessage}).
 *
 * <p>A codec is stateless and thread-safe; one instance serves every connection.
 *
 * @param <M> the message class
 */
@ConsumerType
public abstract class MessageCodecSupport<M extends CephMessage> implements MessageCodec<M> {

    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final int type;
    private final Class<M> messageClass;
    private final int headVersion;
    private final int compatVersion;
    private final String name;

    /**
     * @param type the message type ({@code CEPH_MSG_*}, {@code MSG_*})
     * @param messageClass what {@link #decode} returns
     * @param headVersion the version this codec writes and the newest it reads ({@code HEAD_VERSION})
     * @param compatVersion the oldest version that can read what this codec writes ({@code COMPAT_VERSION})
     */
    protected MessageCodecSupport(int type, Class<M> messageClass, int headVersion, int compatVersion) {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("message type out of u16 range: " + type);
        }
        if (compatVersion < 1 || compatVersion > headVersion || headVersion > 0xffff) {
            throw new IllegalArgumentException("versions must be 1 <= compat <= head <= 65535: compat "
                    + compatVersion + ", head " + headVersion);
        }
        this.type = type;
        this.messageClass = messageClass;
        this.headVersion = headVersion;
        this.compatVersion = compatVersion;
        this.name = messageClass.getSimpleName();
    }

    @Override
    public final int type() {
        return type;
    }

    @Override
    public final Class<M> messageClass() {
        return messageClass;
    }

    @Override
    public final M decode(RawMessage raw, long features) throws MessageDecodeException {
        if (raw.compatVersion() > headVersion) {
            throw new MessageDecodeException(name + ": compat_version " + raw.compatVersion()
                    + " is newer than version " + headVersion + " understood here");
        }
        return PayloadDecoder.decode(raw.front(), name, front -> decodeFront(front, raw, features));
    }

    @Override
    public final RawMessage encode(M message, long features) {
        CephEncoder front = new CephEncoder();
        encodeFront(message, front, features);
        return RawMessage.builder(type).version(headVersion).compatVersion(compatVersion)
                .priority(priority(message)).tid(message.tid())
                .front(front.toByteBuffer()).data(data(message)).build();
    }

    /**
     * Reads the message's fields from the front segment.
     *
     * @param front a decoder over the front, naming the message class in its errors
     * @param raw the whole message: header fields ({@code version}, {@code tid}) and the other segments
     * @param features the CEPH feature bits negotiated on the connection
     */
    protected abstract M decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException;

    /**
     * Writes the message's fields to the front segment, in the layout of {@code headVersion}.
     *
     * @param features the CEPH feature bits negotiated on the connection
     */
    protected abstract void encodeFront(M message, CephEncoder front, long features);

    /** The data segment to send; none unless overridden. The buffer is sent from its position to its limit, not copied. */
    protected ByteBuffer data(M message) {
        return NO_DATA;
    }

    /** The header priority to send; {@link RawMessage#CEPH_MSG_PRIO_DEFAULT} unless overridden. */
    protected int priority(M message) {
        return RawMessage.CEPH_MSG_PRIO_DEFAULT;
    }

    /** A copy of a received segment (e.g. {@code raw.data()}) for a message that keeps it as bytes. */
    protected static byte[] bytes(ByteBuffer segment) {
        byte[] out = new byte[segment.remaining()];
        segment.duplicate().get(out);
        return out;
    }
}
