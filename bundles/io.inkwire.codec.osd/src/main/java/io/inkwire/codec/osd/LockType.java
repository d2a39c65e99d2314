package io.inkwire.codec.osd;

import java.util.Optional;

/**
 * The kinds of advisory lock {@code cls_lock} keeps ({@code ClsLockType} in
 * {@code src/cls/lock/cls_lock_types.h}), a {@code u8} on the wire, with the names
 * {@code cls_lock_type_str} gives them (what {@code rados lock info} prints as {@code "type"}).
 */
public enum LockType {
    /** No lock held (what {@code get_info} answers for a lock nobody holds). */
    NONE(0, "none"),
    EXCLUSIVE(1, "exclusive"),
    SHARED(2, "shared"),
    /** An exclusive lock the OSD removes together with the object when it is released. */
    EXCLUSIVE_EPHEMERAL(3, "exclusive-ephemeral");

    private final int code;
    private final String text;

    LockType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The name Ceph prints. */
    public String text() {
        return text;
    }

    public static Optional<LockType> fromCode(int code) {
        for (LockType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
