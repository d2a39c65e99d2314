package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.api.mode.Frame;
import io.inkwire.wire.MessageHeader2;
import io.inkwire.wire.Tag;
import io.inkwire.wire.frame.AckFrame;
import io.inkwire.wire.frame.ControlFrame;
import io.inkwire.wire.frame.Keepalive2AckFrame;
import io.inkwire.wire.frame.Keepalive2Frame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * msgr2's established session ({@code ProtocolV2::handle_message}, {@code write_message},
 * {@code handle_keepalive2(_ack)}, {@code handle_message_ack}): MESSAGE frames both ways with
 * their sequence numbers and piggy-backed acks, ACK, KEEPALIVE2 and its ack. A lossless session
 * keeps what it sent until the peer acknowledged it, and stops writing while the unacknowledged
 * bytes are over {@link MessengerCore#maxUnackedBytes()}.
 */
final class V2ReadyPhase {

    /** Header, front, middle, data: the alignments of a MESSAGE frame's segments (never changed: frames wrap it). */
    private static final int[] MESSAGE_ALIGNMENTS = {Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.DEFAULT_ALIGNMENT, Frame.PAGE_ALIGNMENT};

    private final ProtocolV2 e;
    /** The segments of the MESSAGE frame being encoded (reused: a frame is encoded and written before the next one is built). */
    private final ByteBuffer[] segments = new ByteBuffer[Frame.MAX_NUM_SEGMENTS];
    /** The MESSAGE frame over {@link #segments}: one for every message written (a wrapped frame reads its array when asked). */
    private final Frame messageFrame = Frame.wrap(Tag.MESSAGE, segments, MESSAGE_ALIGNMENTS);
    /** The header of the MESSAGE frame being encoded, reused the same way (the transport copies it out before the next). */
    private final ByteBuffer header = ByteBuffer.allocate(MessageHeader2.LENGTH).order(ByteOrder.LITTLE_ENDIAN);

    V2ReadyPhase(ProtocolV2 e) {
        this.e = e;
    }

    void handleControl(ControlFrame c) throws ProtocolException {
        if (c instanceof Keepalive2Frame k) {
            e.sendControl(new Keepalive2AckFrame(k.sec(), k.nsec()));
        } else if (c instanceof Keepalive2AckFrame k) {
            e.listener().onKeepaliveAck(k.sec(), k.nsec());
        } else if (c instanceof AckFrame a) {
            Session session = e.session();
            synchronized (session) {
                session.acked(a.seq());
                writeQueued(); // acknowledged bytes may make room under the unacked limit
            }
        } else {
            throw new ProtocolException("unexpected " + Tag.name(c.tag()) + " frame on an established session");
        }
    }

    void handleMessage(Frame f) throws ProtocolException {
        MessageHeader2 h = MessageHeader2.decode(f.segmentAsHeld(0));
        Session session = e.session();
        synchronized (session) {
            if (!e.lossy) {
                session.acked(h.ackSeq());
            }
            if (h.seq() <= session.inSeq) {
                return; // a duplicate after a reconnect: already delivered
            }
            session.inSeq = h.seq();
            // the segments are views of the pooled receive buffer: the message holds its lease, its last release gives it back
            RawMessage m = RawMessage.builder(h.type()).version(h.version()).compatVersion(h.compatVersion()).priority(h.priority())
                    .tid(h.tid()).seq(h.seq()).dataOff(h.dataOff()).flags(h.flags()).segmentsAsGiven() // the frame is dropped after this
                    .front(f.segmentAsHeld(1)).middle(f.segmentAsHeld(2)).data(f.segmentAsHeld(3))
                    .onRelease(e.takeReceivedLease()).build();
            e.listener().onMessage(m);
            if (!e.lossy) {
                writeQueued(); // the piggy-backed ack may have made room
            }
        }
    }

    /** Queues {@code m} on the session, and writes it at once when this socket serves the session ready. */
    void send(RawMessage m, CompletableFuture<Void> written) {
        Session session = e.session();
        synchronized (session) {
            if (session.isClosed() || (e.isClosed() && session.isLossy())) {
                throw new IllegalStateException("connection closed");
            }
            session.queue(m, written);
            if (e.isReady() && session.engine() == e) {
                writeQueued();
                e.transport.flush();
            }
        }
    }

    /** Writes queued messages while the unacked-bytes budget allows (lossless) — call with the session locked. */
    void writeQueued() {
        Session session = e.session();
        if (!e.isReady() || session.engine() != e) {
            return;
        }
        long budget = e.core.maxUnackedBytes();
        while (!session.outQueue.isEmpty()) {
            Session.Outgoing o = session.outQueue.peekFirst();
            if (!e.lossy && session.unackedBytes > 0 && session.unackedBytes + o.bytes() > budget) {
                break; // back-pressure: the peer must acknowledge before more goes out
            }
            if (!e.transport.writable()) {
                break; // the socket is behind: the transport calls again once it drained (no frames pile up in its buffers)
            }
            session.pollQueued();
            o.seq = ++session.outSeq;
            if (!e.lossy) {
                session.sent.add(o); // kept, and its message retained, until the peer acknowledges it
                session.unackedBytes += o.bytes();
            }
            boolean referenced = false;
            try {
                referenced = writeMessage(session, o);
            } finally {
                if (e.lossy && !referenced) {
                    o.done(); // the transport copied it: a lossy session never sends it again
                }
            }
            if (e.isClosed()) {
                return;
            }
        }
    }

    /**
     * Encodes and writes {@code o}; true when the transport references the message's buffers and
     * drops the session's reference itself once it let go of them (lossy sessions only).
     */
    private boolean writeMessage(Session session, Session.Outgoing o) {
        RawMessage m = o.message;
        session.inSeqAcked = session.inSeq;
        MessageHeader2 h = new MessageHeader2(o.seq, m.tid(), m.type(), m.priority(), m.version(), 0, m.dataOff(), session.inSeq,
                MessageHeader2.CEPH_MSG_FOOTER_COMPLETE | MessageHeader2.CEPH_MSG_FOOTER_NOCRC, m.compatVersion());
        // the message's own buffers, not read-only views: the crc codec checksums the caller's array in place
        segments[0] = h.encode(header);
        m.segments(segments, 1);
        try {
            // a lossless message's future may see several writes (resends); completing it is idempotent.
            // Only a lossy session lets the socket reference the message's buffers: it drops the message
            // once written, and nothing else holds it (a lossless one keeps it for resends, copied each time).
            ByteBuffer[] wire = e.codec().encode(messageFrame);
            if (e.lossy) {
                return e.transport.writeReferencing(wire, o, o::done);
            }
            e.transport.write(wire, o);
            return false;
        } catch (ProtocolException ex) {
            e.fail(ex);
            return false;
        } finally {
            java.util.Arrays.fill(segments, null); // no reference to the message outlives its write
        }
    }

    /**
     * Sends an ACK when messages arrived since we last told the peer and nothing is going back
     * (lossless sessions only, as {@code ProtocolV2::handle_message} does). The transport calls it
     * after each batch of reads.
     */
    void ackIfNeeded() {
        Session session = e.session();
        synchronized (session) {
            if (!e.isReady() || e.lossy || session.engine() != e || session.inSeq <= session.inSeqAcked) {
                return;
            }
            session.inSeqAcked = session.inSeq;
            try {
                e.sendControl(new AckFrame(session.inSeq));
            } catch (ProtocolException ex) {
                e.fail(ex);
            }
        }
    }

    /** Sends a KEEPALIVE2 stamped with the wall clock; returns the stamp. */
    Instant sendKeepalive() {
        Instant now = Instant.now();
        if (e.isReady()) {
            try {
                e.sendControl(new Keepalive2Frame(now.getEpochSecond(), now.getNano()));
            } catch (ProtocolException ex) {
                e.fail(ex);
            }
        }
        return now;
    }
}
