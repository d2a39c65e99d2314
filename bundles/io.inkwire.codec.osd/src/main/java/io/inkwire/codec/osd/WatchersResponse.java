package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@code CEPH_OSD_OP_LIST_WATCHERS}: {@code obj_list_watch_response_t}
 * ({@code src/osd/osd_types.h}, {@code ENCODE_START(1, 1)} + {@code list<watch_item_t>}).
 *
 * @param watchers the object's watchers
 */
public record WatchersResponse(List<Watcher> watchers) {

    public WatchersResponse {
        watchers = List.copyOf(watchers);
    }

    /**
     * {@code watch_item_t}: {@code ENCODE_START(2, 1)} + {@code entity_name_t} ({@code u8 type},
     * {@code s64 num}) + {@code u64 cookie} + {@code u32 timeout_seconds} + (v2) {@code entity_addr_t}.
     *
     * @param entityType {@code CEPH_ENTITY_TYPE_*} of the watcher (client 8)
     * @param entityNum its number (the client's global id)
     * @param cookie the watch cookie
     * @param timeoutSeconds the watch timeout
     * @param addr the watcher's address ({@link EntityAddr#blank()} from a v1 item)
     */
    public record Watcher(int entityType, long entityNum, long cookie, long timeoutSeconds, EntityAddr addr) {
        public Watcher {
            Objects.requireNonNull(addr, "addr");
            OsdWire.u32(timeoutSeconds, "timeout_seconds");
        }

        static Watcher decode(CephDecoder d) throws ProtocolException {
            int v = d.startStruct(2, "watch_item_t");
            int type = d.u8();
            long num = d.u64();
            long cookie = d.u64();
            long timeout = d.u32();
            EntityAddr addr = v >= 2 ? EntityAddrCodec.decode(d) : EntityAddr.blank();
            d.finishStruct("watch_item_t");
            return new Watcher(type, num, cookie, timeout, addr);
        }

        void encode(CephEncoder e) {
            e.startStruct(2, 1).u8(entityType).u64(entityNum).u64(cookie).u32(timeoutSeconds);
            EntityAddrCodec.encode(e, addr);
            e.finishStruct();
        }
    }

    public static WatchersResponse decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "obj_list_watch_response_t", d -> {
            d.startStruct(1, "obj_list_watch_response_t");
            int n = d.count("watchers", 6);
            List<Watcher> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(Watcher.decode(d));
            }
            d.finishStruct("obj_list_watch_response_t");
            return new WatchersResponse(list);
        });
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            e.startStruct(1, 1).u32(watchers.size());
            watchers.forEach(w -> w.encode(e));
            e.finishStruct();
        });
    }
}
