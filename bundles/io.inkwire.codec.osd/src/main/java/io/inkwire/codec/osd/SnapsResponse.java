package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of {@code CEPH_OSD_OP_LIST_SNAPS}: {@code obj_list_snap_response_t}
 * ({@code src/osd/osd_types.h}, {@code ENCODE_START(2, 1)} + {@code vector<clone_info>} + (v2)
 * {@code snapid_t seq}).
 *
 * @param clones the object's clones, ascending; the head last with clone id {@link HObject#NOSNAP}
 * @param seq the snap context seq of the object ({@code NOSNAP} from a v1 response)
 */
public record SnapsResponse(List<Clone> clones, long seq) {

    public SnapsResponse {
        clones = List.copyOf(clones);
    }

    /**
     * A byte range of an object.
     *
     * @param offset where it starts
     * @param length how long it is
     */
    public record Extent(long offset, long length) {
    }

    /**
     * {@code clone_info}: {@code ENCODE_START(1, 1)} + {@code snapid_t cloneid} + {@code vector<snapid_t>
     * snaps} + {@code vector<pair<u64,u64>> overlap} + {@code u64 size}.
     *
     * @param cloneId the clone's snap id, {@link HObject#NOSNAP} for the head
     * @param snaps the snapshots this clone belongs to, ascending
     * @param overlap the ranges shared with the next newer clone
     * @param size the clone's size
     */
    public record Clone(long cloneId, List<Long> snaps, List<Extent> overlap, long size) {
        public Clone {
            snaps = List.copyOf(snaps);
            overlap = List.copyOf(overlap);
        }

        static Clone decode(CephDecoder d) throws ProtocolException {
            d.startStruct(1, "clone_info");
            long id = d.u64();
            List<Long> snaps = OsdWire.u64List(d, "snaps");
            int n = d.count("overlap", 16);
            List<Extent> overlap = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                overlap.add(new Extent(d.u64(), d.u64()));
            }
            long size = d.u64();
            d.finishStruct("clone_info");
            return new Clone(id, snaps, overlap, size);
        }

        void encode(CephEncoder e) {
            e.startStruct(1, 1).u64(cloneId);
            OsdWire.u64List(e, snaps);
            e.u32(overlap.size());
            overlap.forEach(o -> e.u64(o.offset()).u64(o.length()));
            e.u64(size).finishStruct();
        }
    }

    public static SnapsResponse decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "obj_list_snap_response_t", d -> {
            int v = d.startStruct(2, "obj_list_snap_response_t");
            int n = d.count("clones", 6);
            List<Clone> clones = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                clones.add(Clone.decode(d));
            }
            long seq = v >= 2 ? d.u64() : HObject.NOSNAP;
            d.finishStruct("obj_list_snap_response_t");
            return new SnapsResponse(clones, seq);
        });
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            e.startStruct(2, 1).u32(clones.size());
            clones.forEach(c -> c.encode(e));
            e.u64(seq).finishStruct();
        });
    }
}
