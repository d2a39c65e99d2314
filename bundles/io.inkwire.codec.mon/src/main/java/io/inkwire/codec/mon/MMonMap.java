package io.inkwire.codec.mon;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.message.MessageCodecSupport;
import java.util.Arrays;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CEPH_MSG_MON_MAP} (4), v1: {@code bufferlist monmapbl} holding an encoded {@link MonMap}
 * ({@code src/messages/MMonMap.h}). Keeps both the decoded map and the exact bytes received, so a
 * client can hand the map on or compare it byte for byte.
 */
public final class MMonMap implements CephMessage {

    /** {@code CEPH_MSG_MON_MAP}. */
    public static final int CEPH_MSG_MON_MAP = 4;
    public static final int HEAD_VERSION = 1;
    public static final int COMPAT_VERSION = 1;

    private final MonMap monMap;
    private final byte[] monMapBytes;

    private MMonMap(MonMap monMap, byte[] monMapBytes) {
        this.monMap = monMap;
        this.monMapBytes = monMapBytes;
    }

    /** The message a monitor sends for {@code map}, encoded v9 as a Pacific monitor does. */
    public static MMonMap of(MonMap map) {
        return new MMonMap(Objects.requireNonNull(map, "map"), map.encode());
    }

    /** Decodes an encoded MonMap (e.g. a {@code monmaptool} file or {@code ceph mon getmap} output). */
    public static MMonMap fromBytes(byte[] monMapBytes) throws ProtocolException {
        return decoded(monMapBytes.clone());
    }

    private static MMonMap decoded(byte[] owned) throws ProtocolException {
        return new MMonMap(MonMap.decode(owned), owned);
    }

    public MonMap monMap() {
        return monMap;
    }

    /** The MonMap encoding as carried (received bytes, or what {@link #of} encoded). */
    public byte[] monMapBytes() {
        return monMapBytes.clone();
    }

    @Override
    public int type() {
        return CEPH_MSG_MON_MAP;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MMonMap other && Arrays.equals(monMapBytes, other.monMapBytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(monMapBytes);
    }

    @Override
    public String toString() {
        return "MMonMap{e" + monMap.epoch() + " fsid " + monMap.fsid() + " mons " + monMap.ranks() + "}";
    }

    /** Encodes and decodes {@link MMonMap}; a MonMap that does not decode fails the message. */
    @Component(service = MessageCodec.class, property = "inkwire.message.type:Integer=4")
    public static final class Codec extends MessageCodecSupport<MMonMap> {

        public Codec() {
            super(CEPH_MSG_MON_MAP, MMonMap.class, HEAD_VERSION, COMPAT_VERSION);
        }

        @Override
        protected MMonMap decodeFront(CephDecoder front, RawMessage raw, long features) throws ProtocolException {
            return decoded(front.bytes());
        }

        @Override
        protected void encodeFront(MMonMap m, CephEncoder front, long features) {
            front.bytes(m.monMapBytes);
        }
    }
}
