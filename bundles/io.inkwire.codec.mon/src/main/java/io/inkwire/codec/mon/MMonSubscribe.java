package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.StdString;
import io.inkwire.wire.message.MessageCodecSupport;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_MON_SUBSCRIBE} (15), v3 compat 1 ({@code src/messages/MMonSubscribe.h}):
 * {@code map<string, ceph_mon_subscribe_item>} naming the maps wanted ("monmap", "config",
 * "osdmap", "mgrmap", …) and, from v3, the client's host name.
 *
 * <p>Decodes the v2 form (no host name) and the pre-SUBSCRIBE2 v0/v1 form
 * ({@code ceph_mon_subscribe_item_old}: le64 unused, le64 have, u8 onetime) too, converted as Ceph does.
 *
 * @param what subscriptions by map name, sorted as Ceph's {@code std::map}
 * @param hostname the sender's host name (empty when the peer sent v2 or older)
 */
public record MMonSubscribe(Map<String, Item> what, String hostname) implements CephMessage {

    /** {@code CEPH_MSG_MON_SUBSCRIBE}. */
    public static final int CEPH_MSG_MON_SUBSCRIBE = 15;
    public static final int HEAD_VERSION = 3;
    public static final int COMPAT_VERSION = 1;
    /** {@code CEPH_SUBSCRIBE_ONETIME}: send the map once, then drop the subscription. */
    public static final int CEPH_SUBSCRIBE_ONETIME = 1;

    /** {@code sizeof(ceph_mon_subscribe_item)}: packed le64 start + u8 flags. */
    static final int ITEM_LENGTH = 9;
    /** {@code sizeof(ceph_mon_subscribe_item_old)}: packed le64 unused, le64 have, u8 onetime. */
    static final int OLD_ITEM_LENGTH = 17;

    public MMonSubscribe {
        SortedMap<String, Item> sorted = new TreeMap<>(StdString.ORDER);
        sorted.putAll(what);
        sorted.values().forEach(Objects::requireNonNull);
        what = Collections.unmodifiableSortedMap(sorted);
        Objects.requireNonNull(hostname, "hostname");
    }

    @Override
    public int type() {
        return CEPH_MSG_MON_SUBSCRIBE;
    }

    /**
     * One subscription: {@code ceph_mon_subscribe_item}.
     *
     * @param start the first epoch wanted (0 = whatever is current)
     * @param flags {@link #CEPH_SUBSCRIBE_ONETIME} or 0 ({@code u8})
     */
    public record Item(long start, int flags) {

        public Item {
            if (flags < 0 || flags > 0xff) {
                throw new IllegalArgumentException("flags out of u8 range: " + flags);
            }
        }

        /** A standing subscription from {@code start}. */
        public static Item from(long start) {
            return new Item(start, 0);
        }

        /** A one-shot subscription from {@code start}. */
        public static Item once(long start) {
            return new Item(start, CEPH_SUBSCRIBE_ONETIME);
        }

        public boolean onetime() {
            return (flags & CEPH_SUBSCRIBE_ONETIME) != 0;
        }
    }

    /** Encodes and decodes {@link MMonSubscribe}. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=15")
    public static final class Codec extends MessageCodecSupport<MMonSubscribe> {

        public Codec() {
            super(CEPH_MSG_MON_SUBSCRIBE, MMonSubscribe.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonSubscribe decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            Map<String, Item> what = new TreeMap<>(StdString.ORDER);
            if (raw.version() < 2) {
                int n = front.count("subscriptions", 4 + OLD_ITEM_LENGTH);
                for (int i = 0; i < n; i++) {
                    String name = front.string();
                    front.u64(); // unused
                    long have = front.u64();
                    boolean onetime = front.bool();
                    // MMonSubscribe::decode_payload: "have" was the newest epoch held, start is the next
                    what.put(name, new Item(have == 0 ? 0 : have + 1, onetime ? CEPH_SUBSCRIBE_ONETIME : 0));
                }
                return new MMonSubscribe(what, "");
            }
            int n = front.count("subscriptions", 4 + ITEM_LENGTH);
            for (int i = 0; i < n; i++) {
                String name = front.string();
                long start = front.u64();
                what.put(name, new Item(start, front.u8()));
            }
            String hostname = raw.version() >= 3 ? front.string() : "";
            return new MMonSubscribe(what, hostname);
        }

        @Override
        protected void encodeFront(MMonSubscribe m, CephEncoder front, long features) {
            front.u32(m.what.size());
            m.what.forEach((name, item) -> front.string(name).u64(item.start()).u8(item.flags()));
            front.string(m.hostname);
        }
    }
}
