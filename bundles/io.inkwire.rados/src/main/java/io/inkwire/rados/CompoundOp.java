package io.inkwire.rados;

import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.osd.OsdOp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link ReadOp} and {@link WriteOp} share: the ops in order, each with the slot its result
 * goes to, and the per-operation flags. Several ops travel in one MOSDOp and the OSD applies a
 * write operation's ops all or none.
 */
public abstract sealed class CompoundOp permits ReadOp, WriteOp {

    /** Decodes an op's output; the decoders of codec.osd throw a checked exception. */
    @FunctionalInterface
    interface OutputDecoder<T> {
        T decode(ByteBuffer out) throws MessageDecodeException;
    }

    private final List<OsdOp> ops = new ArrayList<>();
    private final List<OpSlot<?>> slots = new ArrayList<>();
    private int opFlags;
    /** Some slot's value is a view of the reply's buffers, which must then outlive the reply's dispatch. */
    private boolean viewsReply;
    /** The reply being completed, for slots that lease its buffer ({@link #lease}); set only during {@link #complete}. */
    private RawMessage completing;

    CompoundOp() {
    }

    /** Adds an op whose output is decoded into its slot; the value may be a view of the reply's buffers. */
    <T> OpSlot<T> add(OsdOp op, OutputDecoder<T> decoder) {
        viewsReply |= decoder != null;
        return addCopying(op, decoder);
    }

    /** Adds an op whose decoder copies what it keeps out of the reply (or keeps nothing). */
    <T> OpSlot<T> addCopying(OsdOp op, OutputDecoder<T> decoder) {
        OpSlot<T> slot = new OpSlot<>(decoder == null ? null : out -> {
            try {
                return decoder.decode(out);
            } catch (MessageDecodeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
        ops.add(op);
        slots.add(slot);
        return slot;
    }

    /** Sets {@code CEPH_OSD_OP_FLAG_FAILOK} on the last op added: its failure does not fail the others. */
    void failOkOnLast() {
        int i = ops.size() - 1;
        if (i < 0) {
            throw new IllegalStateException("no op to mark");
        }
        ops.set(i, ops.get(i).withFlags(ops.get(i).flags() | io.inkwire.codec.osd.OsdFlags.CEPH_OSD_OP_FLAG_FAILOK));
    }

    void addFlags(int cephOsdFlags) {
        this.opFlags |= cephOsdFlags;
    }

    /** The {@code CEPH_OSD_FLAG_*} bits this operation adds to the request. */
    public int flags() {
        return opFlags;
    }

    /** The ops, in order (for the request engine). */
    public List<OsdOp> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** How many ops this operation holds. */
    public int size() {
        return ops.size();
    }

    /** Fills every op's slot from the reply's ops, decoded without the reply's message: every lease is of a copy. */
    public void complete(List<OsdOp> replied) {
        complete(replied, null);
    }

    /**
     * Fills every op's slot from the reply's ops (the request engine calls this once, during the
     * reply's dispatch); {@code reply} is the message their outputs view, which a leasing slot
     * retains.
     */
    public void complete(List<OsdOp> replied, RawMessage reply) {
        completing = reply;
        try {
            for (int i = 0; i < slots.size(); i++) {
                OsdOp r = i < replied.size() ? replied.get(i) : null;
                slots.get(i).fill(r == null ? 0 : r.rval(), r == null || r.output() == null ? ByteBuffer.allocate(0) : r.output());
            }
        } finally {
            completing = null;
        }
    }

    /**
     * A lease of {@code out}, a view of the reply being completed: the reply is retained until the
     * lease is closed. Without a reply message (outputs decoded elsewhere) the lease holds a copy.
     */
    LeasedBytes lease(ByteBuffer out) {
        RawMessage reply = completing;
        if (reply == null) {
            return LeasedBytes.of(ByteBuffer.allocate(out.remaining()).put(out.duplicate()).flip());
        }
        reply.retain();
        return new LeasedBytes(out, reply::release);
    }

    /**
     * Whether the results keep views of the reply's buffers. When none does, the request engine
     * gives the reply's pooled receive buffer back as soon as the slots are filled; otherwise the
     * buffer stays with the results and is left to the garbage collector.
     */
    public boolean viewsReply() {
        return viewsReply;
    }

    /** Bytes of input this operation sends (the data segment), for the in-flight bytes throttle. */
    public long inputBytes() {
        long n = 0;
        for (OsdOp op : ops) {
            n += op.input() == null ? 0 : op.input().remaining();
        }
        return n;
    }
}
