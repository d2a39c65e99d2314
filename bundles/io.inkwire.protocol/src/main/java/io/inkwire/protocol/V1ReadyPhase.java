package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.Role;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.Crc32c;
import io.inkwire.wire.v1.CephTimespec;
import io.inkwire.wire.v1.MessageFooterV1;
import io.inkwire.wire.v1.MessageHeaderV1;
import io.inkwire.wire.v1.MsgrTag;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * msgr1's tag stream once the handshake completed ({@code ProtocolV1::read_message_header},
 * {@code read_message_footer}, {@code write_message}, {@code handle_keepalive2}): MSG as header,
 * front, middle, data and footer with their crcs and, after a cephx authorizer, their signatures;
 * ACK; KEEPALIVE, KEEPALIVE2 and its ack; CLOSE.
 */
final class V1ReadyPhase {

    private final ProtocolV1 e;
    /** The message being read, from its header until it was dispatched. */
    private MessageHeaderV1 header;
    private ByteBuffer payload;
    /** The pooled buffer {@link #payload} is in (null when it is not pooled), until the message takes it. */
    private BufferPool.Lease payloadLease;

    V1ReadyPhase(ProtocolV1 e) {
        this.e = e;
    }

    long messageBytesAhead() {
        MessageHeaderV1 h = header;
        return h == null ? 0 : h.payloadLength();
    }

    void handleTag(int tag) throws ProtocolException {
        switch (tag) {
            case MsgrTag.MSG -> e.expect(ProtocolV1.ReadStep.MSG_HEADER, MessageHeaderV1.LENGTH);
            case MsgrTag.ACK -> e.expect(ProtocolV1.ReadStep.ACK_SEQ, 8);
            case MsgrTag.KEEPALIVE -> e.readTag();
            case MsgrTag.KEEPALIVE2 -> e.expect(ProtocolV1.ReadStep.KEEPALIVE2_STAMP, CephTimespec.LENGTH);
            case MsgrTag.KEEPALIVE2_ACK -> e.expect(ProtocolV1.ReadStep.KEEPALIVE2_ACK_STAMP, CephTimespec.LENGTH);
            case MsgrTag.CLOSE -> e.end(null); // the peer is closing in order: so do we
            default -> throw new ProtocolException("unexpected msgr1 tag " + MsgrTag.name(tag) + " on an established session");
        }
    }

    void handleKeepalive2(CephTimespec stamp) {
        e.write(new byte[] {(byte) MsgrTag.KEEPALIVE2_ACK}, stamp.encode());
        e.transport.flush();
        e.readTag();
    }

    void handleKeepalive2Ack(CephTimespec t) {
        e.readTag();
        e.listener().onKeepaliveAck(t.sec(), (int) t.nsec());
    }

    void handleHeader(ByteBuffer in) throws ProtocolException {
        MessageHeaderV1 h = MessageHeaderV1.decode(in, e.core.options().getBoolean("ms_crc_header", true));
        long max = e.core.maxSegmentLength();
        if (h.frontLength() > max || h.middleLength() > max || h.dataLength() > max) {
            throw new ProtocolException("msgr1 message type " + h.type() + " with front/middle/data of " + h.frontLength() + "/"
                    + h.middleLength() + "/" + h.dataLength() + " bytes exceeds the segment limit of " + max);
        }
        if (h.payloadLength() > Integer.MAX_VALUE - 64) {
            throw new ProtocolException("msgr1 message of " + h.payloadLength() + " bytes is too large");
        }
        header = h;
        if (h.payloadLength() == 0) {
            handlePayload(ByteBuffer.allocate(0), null);
        } else {
            e.expect(ProtocolV1.ReadStep.MSG_PAYLOAD, (int) h.payloadLength());
        }
    }

    /** The message's front, middle and data; {@code lease} (may be null) is the pooled buffer they are in. */
    void handlePayload(ByteBuffer in, BufferPool.Lease lease) {
        payload = in;
        payloadLease = lease;
        e.expect(ProtocolV1.ReadStep.MSG_FOOTER, MessageFooterV1.length(e.msgAuth));
    }

    void handleFooter(MessageFooterV1 f) throws ProtocolException, AuthException {
        BufferPool.Lease lease = payloadLease;
        payloadLease = null;
        RawMessage m;
        try {
            m = verified(f, lease);
        } catch (ProtocolException | RuntimeException ex) {
            if (lease != null) {
                lease.release(); // no message was built from it
            }
            throw ex;
        }
        if (m == null) {
            if (lease != null) {
                lease.release();
            }
            return; // a duplicate after a reconnect: already delivered
        }
        if (!e.lossy) {
            e.write(new byte[] {(byte) MsgrTag.ACK}, new CephEncoder(8).u64(e.inSeq).toByteArray());
            e.transport.flush();
        }
        e.deliver(m);
    }

    /**
     * Checks the footer against the payload; the message, holding {@code lease} (its
     * {@code onRelease}), or null for a duplicate.
     */
    private RawMessage verified(MessageFooterV1 f, BufferPool.Lease lease) throws ProtocolException {
        MessageHeaderV1 h = header;
        ByteBuffer front = payload.slice(0, (int) h.frontLength());
        ByteBuffer middle = payload.slice((int) h.frontLength(), (int) h.middleLength());
        ByteBuffer data = payload.slice((int) (h.frontLength() + h.middleLength()), (int) h.dataLength());
        header = null;
        payload = null;
        if ((f.flags() & MessageFooterV1.CEPH_MSG_FOOTER_COMPLETE) == 0) {
            throw new ProtocolException("msgr1 message seq " + h.seq() + " was aborted by its sender (footer without COMPLETE)");
        }
        if (e.core.options().getBoolean("ms_crc_header", true)) {
            checkCrc("front", front, f.frontCrc(), h);
            checkCrc("middle", middle, f.middleCrc(), h);
        }
        if ((f.flags() & MessageFooterV1.CEPH_MSG_FOOTER_NOCRC) == 0 && e.core.options().getBoolean("ms_crc_data", true)) {
            checkCrc("data", data, f.dataCrc(), h);
        }
        if (e.signer != null) {
            long expected = e.signer.sign(h.crc(), f, h.frontLength(), h.middleLength(), h.dataLength(), h.seq());
            if (expected != f.sig()) {
                throw new ProtocolException("msgr1 message seq " + h.seq() + " type " + h.type() + " has a bad cephx signature"
                        + ((f.flags() & MessageFooterV1.CEPH_MSG_FOOTER_SIGNED) == 0 ? " (the sender did not sign it)" : ""));
            }
        }
        e.readTag();
        if (h.seq() <= e.inSeq) {
            return null;
        }
        e.inSeq = h.seq();
        return RawMessage.builder(h.type()).version(h.version()).compatVersion(h.compatVersion()).priority(h.priority() & 0xff)
                .tid(h.tid()).seq(h.seq()).dataOff(h.dataOff()).flags(f.flags()).front(front).middle(middle).data(data).onRelease(lease).build();
    }

    private static void checkCrc(String what, ByteBuffer b, int expected, MessageHeaderV1 h) throws ProtocolException {
        int got = Crc32c.compute(Crc32c.SEED_ZERO, b);
        if (got != expected) {
            throw new ProtocolException(String.format("msgr1 message seq %d type %d: %s crc mismatch (footer 0x%08x, computed 0x%08x)",
                    h.seq(), h.type(), what, expected, got));
        }
    }

    /** The header's src: our type and global id ({@code -1} before a monitor gave us one; a monitor is rank 0). */
    private long srcNum() {
        MessengerCore core = e.core;
        if (core.name().type() == EntityType.MON) {
            return 0;
        }
        long gid = e.role == Role.CONNECTOR && e.globalId != 0 ? e.globalId : core.globalId();
        return gid == 0 ? -1 : gid;
    }

    void writeMessage(RawMessage m, CompletableFuture<Void> written) {
        MessengerCore core = e.core;
        try {
            long seq = ++e.outSeq;
            MessageHeaderV1 h = new MessageHeaderV1(seq, m.tid(), m.type(), m.priority(), m.version(), m.frontLength(), m.middleLength(),
                    m.dataLength(), m.dataOff() & 0xffff, core.name().type().code(), srcNum(), m.compatVersion(), 0);
            byte[] head = h.encode();
            int headerCrc = MessageHeaderV1.computeCrc(head);
            boolean crcData = core.options().getBoolean("ms_crc_data", true);
            int flags = MessageFooterV1.CEPH_MSG_FOOTER_COMPLETE | (crcData ? 0 : MessageFooterV1.CEPH_MSG_FOOTER_NOCRC);
            MessageFooterV1 f = new MessageFooterV1(Crc32c.compute(Crc32c.SEED_ZERO, m.front()), Crc32c.compute(Crc32c.SEED_ZERO, m.middle()),
                    crcData ? Crc32c.compute(Crc32c.SEED_ZERO, m.data()) : 0, 0, flags);
            if (e.signer != null) {
                long sig = e.signer.sign(headerCrc, f, m.frontLength(), m.middleLength(), m.dataLength(), seq);
                f = new MessageFooterV1(f.frontCrc(), f.middleCrc(), f.dataCrc(), sig, flags | MessageFooterV1.CEPH_MSG_FOOTER_SIGNED);
            }
            e.transport.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {(byte) MsgrTag.MSG}), ByteBuffer.wrap(head), m.front(), m.middle(),
                m.data(), ByteBuffer.wrap(f.encode(e.msgAuth))}, written);
        } catch (ProtocolException ex) {
            e.fail(ex);
        }
    }

    /** KEEPALIVE2 with {@code now} when the peer knows it (MSGR_KEEPALIVE2), else a bare KEEPALIVE that nobody answers. */
    void sendKeepalive(Instant now) {
        if ((e.features & CephFeatures.MSGR_KEEPALIVE2) != 0) {
            e.write(new byte[] {(byte) MsgrTag.KEEPALIVE2}, new CephTimespec(now.getEpochSecond(), now.getNano()).encode());
        } else {
            e.write(new byte[] {(byte) MsgrTag.KEEPALIVE});
        }
        e.transport.flush();
    }

    /** Drops the message being read (the socket ends). */
    void clear() {
        header = null;
        payload = null;
        if (payloadLease != null) {
            payloadLease.release();
            payloadLease = null;
        }
    }
}
