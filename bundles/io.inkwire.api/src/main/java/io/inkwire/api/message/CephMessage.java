package io.inkwire.api.message;

/** A typed Ceph message; a {@link MessageCodec} turns it into a {@link RawMessage} and back. */
public interface CephMessage {

    /** The message type ({@code CEPH_MSG_*} / {@code MSG_*}). */
    int type();

    /** The transaction id carried in the header; 0 when unused. */
    default long tid() {
        return 0;
    }
}
