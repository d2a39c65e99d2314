package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.nio.ByteBuffer;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_WATCH_NOTIFY} (44), v3 compat 1 ({@code src/messages/MWatchNotify.h}): an OSD tells a
 * watcher of a notification ({@link #CEPH_WATCH_EVENT_NOTIFY}: answer with {@link OsdOp#notifyAck}), a
 * notifier that its notify completed ({@link #CEPH_WATCH_EVENT_NOTIFY_COMPLETE}: the data segment is a
 * {@link NotifyResult}, {@code return_code} −ETIMEDOUT if watchers missed it), or a watcher that its
 * watch is gone ({@link #CEPH_WATCH_EVENT_DISCONNECT}). Front: {@code u8 msg_ver (1)}, {@code u8 opcode},
 * {@code u64 cookie}, {@code u64 ver}, {@code u64 notify_id}, {@code bufferlist payload}, (v2)
 * {@code s32 return_code}, (v3) {@code u64 notifier_gid}.
 *
 * @param cookie the watch cookie (NOTIFY, DISCONNECT) or the notify's cookie (NOTIFY_COMPLETE)
 * @param ver unused
 * @param notifyId the OSD's id of the notification
 * @param opcode {@code CEPH_WATCH_EVENT_*}
 * @param payload what the notifier sent (NOTIFY)
 * @param returnCode the notify's result (NOTIFY_COMPLETE)
 * @param notifierGid who sent the notify
 * @param data the data segment: a {@link NotifyResult} for NOTIFY_COMPLETE, else empty
 */
public record MWatchNotify(long cookie, long ver, long notifyId, int opcode, ByteBuffer payload, int returnCode,
        long notifierGid, ByteBuffer data) implements CephMessage {

    /** {@code CEPH_MSG_WATCH_NOTIFY}. */
    public static final int CEPH_MSG_WATCH_NOTIFY = 44;
    public static final int HEAD_VERSION = 3;
    public static final int COMPAT_VERSION = 1;

    /** {@code CEPH_WATCH_EVENT_*} ({@code src/include/ceph_fs.h}). */
    public static final int CEPH_WATCH_EVENT_NOTIFY = 1;
    public static final int CEPH_WATCH_EVENT_NOTIFY_COMPLETE = 2;
    public static final int CEPH_WATCH_EVENT_DISCONNECT = 3;

    public MWatchNotify {
        if (opcode < 0 || opcode > 0xff) {
            throw new IllegalArgumentException("opcode out of u8 range: " + opcode);
        }
        payload = OsdWire.view(payload);
        data = OsdWire.view(data);
    }

    @Override
    public int type() {
        return CEPH_MSG_WATCH_NOTIFY;
    }

    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public String toString() {
        String event = switch (opcode) {
            case CEPH_WATCH_EVENT_NOTIFY -> "notify";
            case CEPH_WATCH_EVENT_NOTIFY_COMPLETE -> "notify_complete";
            case CEPH_WATCH_EVENT_DISCONNECT -> "disconnect";
            default -> "???";
        };
        return "MWatchNotify{" + event + " (" + opcode + ") cookie " + cookie + " notify " + notifyId + " ret "
                + returnCode + "}";
    }

    /** Encodes and decodes {@link MWatchNotify}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=44")
    public static final class Codec extends MessageCodecSupport<MWatchNotify> {

        public Codec() {
            super(CEPH_MSG_WATCH_NOTIFY, MWatchNotify.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MWatchNotify decodeFront(CephDecoder d, RawMessage raw, long features) throws ProtocolException {
            int msgVer = d.u8();
            int opcode = d.u8();
            long cookie = d.u64();
            long ver = d.u64();
            long notifyId = d.u64();
            ByteBuffer payload = msgVer >= 1 ? OsdWire.bufferlist(d) : OsdWire.empty();
            int returnCode = raw.version() >= 2 ? d.s32() : 0;
            long notifierGid = raw.version() >= 3 ? d.u64() : 0;
            return new MWatchNotify(cookie, ver, notifyId, opcode, payload, returnCode, notifierGid, raw.data());
        }

        @Override
        protected void encodeFront(MWatchNotify m, CephEncoder e, long features) {
            e.u8(1).u8(m.opcode).u64(m.cookie).u64(m.ver).u64(m.notifyId).bytes(m.payload).u32(m.returnCode)
                    .u64(m.notifierGid);
        }

        @Override
        protected ByteBuffer data(MWatchNotify m) {
            return m.data();
        }
    }
}
