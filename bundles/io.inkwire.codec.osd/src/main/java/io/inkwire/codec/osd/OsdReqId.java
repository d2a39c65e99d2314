package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code osd_reqid_t} ({@code src/osd/osd_types.h}): who sent a request, {@code DENC_START(2, 2)} +
 * {@code entity_name_t} ({@code u8 type}, {@code s64 num}) + {@code u64 tid} + {@code s32 inc}.
 *
 * <p>A client sends {@link #EMPTY}: the OSD then builds the id from the connection's peer name, the
 * message's {@code client_inc} and header tid ({@code MOSDOp::get_reqid}), which is what makes a
 * resent write (same tid) recognisable as a duplicate.
 *
 * @param entityType {@code CEPH_ENTITY_TYPE_*} (client 8), {@code u8}
 * @param entityNum the entity number (the client's global id)
 * @param tid the request's tid
 * @param inc the client incarnation
 */
public record OsdReqId(int entityType, long entityNum, long tid, int inc) {

    public static final OsdReqId EMPTY = new OsdReqId(0, 0, 0, 0);

    public OsdReqId {
        if (entityType < 0 || entityType > 0xff) {
            throw new IllegalArgumentException("entity type out of u8 range: " + entityType);
        }
    }

    public static OsdReqId decode(CephDecoder d) throws ProtocolException {
        d.startStruct(2, "osd_reqid_t");
        OsdReqId r = new OsdReqId(d.u8(), d.u64(), d.u64(), d.s32());
        d.finishStruct("osd_reqid_t");
        return r;
    }

    public void encode(CephEncoder e) {
        e.startStruct(2, 2).u8(entityType).u64(entityNum).u64(tid).u32(inc).finishStruct();
    }
}
