package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code AuthTicket} (src/auth/Auth.cc): {@code u8 2, EntityName name, u64 global_id, u64 auid
 * (always CEPH_AUTH_UID_DEFAULT), utime_t created, utime_t expires, AuthCapsInfo caps, u32 flags},
 * with {@code AuthCapsInfo} = {@code u8 1, u8 allow_all, bufferlist caps}. Only services read it
 * (inside the encrypted ticket blob).
 */
public record AuthTicket(EntityName name, long globalId, Utime created, Utime expires,
                         boolean allowAll, byte[] caps, int flags) {

    /** {@code CEPH_AUTH_UID_DEFAULT}. */
    static final long CEPH_AUTH_UID_DEFAULT = -1L;

    public static AuthTicket decode(CephDecoder d) throws ProtocolException {
        int v = d.u8();
        EntityName name = d.entityName();
        long globalId = d.u64();
        if (v >= 2) {
            d.u64(); // auid, retired
        }
        Utime created = Utime.decode(d);
        Utime expires = Utime.decode(d);
        d.u8(); // AuthCapsInfo struct_v
        boolean allowAll = d.u8() != 0;
        byte[] caps = d.bytes();
        int flags = (int) d.u32();
        return new AuthTicket(name, globalId, created, expires, allowAll, caps, flags);
    }

    public void encode(CephEncoder e) {
        e.u8(2).entityName(name).u64(globalId).u64(CEPH_AUTH_UID_DEFAULT);
        created.encode(e);
        expires.encode(e);
        e.u8(1).u8(allowAll ? 1 : 0).bytes(caps);
        e.u32(Integer.toUnsignedLong(flags));
    }

    @Override
    public String toString() {
        return "AuthTicket{" + name + ", globalId=" + globalId + ", expires=" + expires + "}";
    }
}
