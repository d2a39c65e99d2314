package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.EntityAddrCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who holds an advisory lock: the output of {@link ClsLock#getInfo}, {@code cls_lock_get_info_reply}
 * ({@code src/cls/lock/cls_lock_ops.h}): {@code ENCODE_START(1, 1)} +
 * {@code map<locker_id_t, locker_info_t>} + {@code u8 lock_type} + {@code string tag}. A lock nobody
 * holds reads as type {@link LockType#NONE} with no lockers.
 *
 * @param type the lock's type
 * @param tag the tag every holder gave
 * @param lockers the holders, in the map's order (entity, then cookie)
 */
public record LockInfo(LockType type, String tag, List<Locker> lockers) {

    public LockInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tag, "tag");
        lockers = List.copyOf(lockers);
    }

    /**
     * One holder: {@code locker_id_t} ({@code ENCODE_START(1, 1)} + {@code entity_name_t} + cookie) and
     * {@code locker_info_t} ({@code ENCODE_START(1, 1)} + {@code utime_t expiration} +
     * {@code entity_addr_t addr} + description).
     *
     * @param entityType {@code CEPH_ENTITY_TYPE_*} of the holder (client 8)
     * @param entityNum its number (a client's global id)
     * @param cookie the cookie it locked with
     * @param expiration when the hold ends; {@link UTime#ZERO} for never
     * @param addr the holder's address
     * @param description what it said the lock is for
     */
    public record Locker(int entityType, long entityNum, String cookie, UTime expiration, EntityAddr addr, String description) {

        public Locker {
            if (entityType < 0 || entityType > 0xff) {
                throw new IllegalArgumentException("entity type out of u8 range: " + entityType);
            }
            Objects.requireNonNull(cookie, "cookie");
            Objects.requireNonNull(expiration, "expiration");
            Objects.requireNonNull(addr, "addr");
            Objects.requireNonNull(description, "description");
        }

        /** The holder as {@code entity_name_t} prints: {@code client.4147}. */
        public String entity() {
            String type;
            try {
                type = EntityType.fromCode(entityType).text();
            } catch (IllegalArgumentException e) {
                type = "unknown";
            }
            return type + "." + entityNum;
        }

        static Locker decode(CephDecoder d) throws ProtocolException {
            d.startStruct(1, "locker_id_t");
            int type = d.u8();
            long num = d.u64();
            String cookie = d.string();
            d.finishStruct("locker_id_t");
            d.startStruct(1, "locker_info_t");
            UTime expiration = UTime.decode(d);
            EntityAddr addr = EntityAddrCodec.decode(d);
            String description = d.string();
            d.finishStruct("locker_info_t");
            return new Locker(type, num, cookie, expiration, addr, description);
        }

        void encode(CephEncoder e) {
            e.startStruct(1, 1).u8(entityType).u64(entityNum).string(cookie).finishStruct();
            e.startStruct(1, 1);
            expiration.encode(e);
            EntityAddrCodec.encode(e, addr);
            e.string(description).finishStruct();
        }
    }

    public static LockInfo decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "cls_lock_get_info_reply", d -> {
            d.startStruct(1, "cls_lock_get_info_reply");
            // an entry is at least two struct headers (6 + 6), entity_name_t (9), two string lengths (4 + 4),
            // utime_t (8) and the shortest entity_addr_t (19): a hostile count fails before any allocation
            int n = d.count("lockers", 6 + 6 + 9 + 4 + 4 + 8 + 19);
            List<Locker> lockers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                lockers.add(Locker.decode(d));
            }
            int code = d.u8();
            LockType type = LockType.fromCode(code).orElseThrow(() -> d.error("unknown lock type " + code));
            String tag = d.string();
            d.finishStruct("cls_lock_get_info_reply");
            return new LockInfo(type, tag, lockers);
        });
    }

    /** As the OSD encodes it (addresses in the msgr2-era form a current client's features ask for). */
    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            e.startStruct(1, 1).u32(lockers.size());
            lockers.forEach(l -> l.encode(e));
            e.u8(type.code()).string(tag).finishStruct();
        });
    }
}
