package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Advisory locks: calls of the OSD's {@code lock} object class ({@code src/cls/lock/cls_lock.cc}),
 * each a {@link OsdOp#call CEPH_OSD_OP_CALL} whose input is the method's {@code cls_lock_*_op}
 * ({@code src/cls/lock/cls_lock_ops.h}, every one {@code ENCODE_START(1, 1)}), built as
 * {@code rados::cls::lock} ({@code cls_lock_client.cc}) builds them. {@link #lock}, {@link #unlock}
 * and {@link #breakLock} write (send them in a write operation); {@link #getInfo} and
 * {@link #listLocks} read, their outputs decoded by {@link LockInfo#decode} and {@link #lockNames}.
 */
public final class ClsLock {

    /** The object class. */
    public static final String CLASS = "lock";
    /** {@code LOCK_FLAG_MAY_RENEW}: taking a lock this locker (entity and cookie) holds already renews it instead of EEXIST. */
    public static final int LOCK_FLAG_MAY_RENEW = 0x1;
    /** {@code LOCK_FLAG_MUST_RENEW}: only renew; ENOENT when this locker does not hold it. */
    public static final int LOCK_FLAG_MUST_RENEW = 0x2;

    private ClsLock() {
    }

    /**
     * {@code lock}: {@code cls_lock_lock_op} = name, {@code u8 type}, cookie, tag, description,
     * {@code utime_t duration} (zero: no expiry), {@code u8 flags}. EBUSY when another locker holds it
     * (or holds it with another tag), EEXIST when this locker does and no renew flag is given.
     */
    public static OsdOp lock(String name, LockType type, String cookie, String tag, String description, UTime duration, int flags) {
        Objects.requireNonNull(type, "type");
        if (type == LockType.NONE) {
            throw new IllegalArgumentException("a lock is exclusive or shared, not " + type.text());
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("lock flags out of u8 range: " + flags);
        }
        return call("lock", OsdWire.encoded(e -> {
            e.startStruct(1, 1).string(name).u8(type.code()).string(cookie).string(tag).string(description);
            duration.encode(e);
            e.u8(flags).finishStruct();
        }));
    }

    /** {@code unlock}: {@code cls_lock_unlock_op} = name, cookie; ENOENT when the caller holds no such lock. */
    public static OsdOp unlock(String name, String cookie) {
        return call("unlock", OsdWire.encoded(e -> e.startStruct(1, 1).string(name).string(cookie).finishStruct()));
    }

    /**
     * {@code break_lock}: {@code cls_lock_break_op} = name, {@code entity_name_t locker} ({@code u8 type},
     * {@code s64 num}), cookie; removes another client's hold, ENOENT when it holds none with that cookie.
     */
    public static OsdOp breakLock(String name, int lockerType, long lockerNum, String cookie) {
        if (lockerType < 0 || lockerType > 0xff) {
            throw new IllegalArgumentException("entity type out of u8 range: " + lockerType);
        }
        return call("break_lock", OsdWire.encoded(e -> e.startStruct(1, 1).string(name).u8(lockerType).u64(lockerNum)
                .string(cookie).finishStruct()));
    }

    /** {@code get_info}: {@code cls_lock_get_info_op} = name; the output is a {@link LockInfo}. */
    public static OsdOp getInfo(String name) {
        return call("get_info", OsdWire.encoded(e -> e.startStruct(1, 1).string(name).finishStruct()));
    }

    /** {@code list_locks}: no input; the output is {@code cls_lock_list_locks_reply}, see {@link #lockNames}. */
    public static OsdOp listLocks() {
        return call("list_locks", OsdWire.empty());
    }

    /** The output of {@link #listLocks}: {@code ENCODE_START(1, 1)} + {@code list<string>}, in the OSD's order. */
    public static List<String> lockNames(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "cls_lock_list_locks_reply", d -> {
            d.startStruct(1, "cls_lock_list_locks_reply");
            int n = d.count("locks", 4);
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                names.add(d.string());
            }
            d.finishStruct("cls_lock_list_locks_reply");
            return List.copyOf(names);
        });
    }

    /** {@code cls_lock_list_locks_reply} for these names (what the OSD sends). */
    public static ByteBuffer encodeLockNames(List<String> names) {
        return OsdWire.encoded(e -> {
            e.startStruct(1, 1).u32(names.size());
            names.forEach(e::string);
            e.finishStruct();
        });
    }

    private static OsdOp call(String method, ByteBuffer input) {
        return OsdOp.call(CLASS, method, input);
    }
}
