package io.inkwire.api.addr;

/**
 * Ceph entity types ({@code CEPH_ENTITY_TYPE_*} in {@code src/include/msgr.h}); the codes double
 * as the cephx service ids and key bitmask bits.
 */
public enum EntityType {
    MON(0x01, "mon"),
    MDS(0x02, "mds"),
    OSD(0x04, "osd"),
    CLIENT(0x08, "client"),
    MGR(0x10, "mgr"),
    AUTH(0x20, "auth");

    private final int code;
    private final String text;

    EntityType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The name Ceph prints ({@code client}, {@code mon}, ...). */
    public String text() {
        return text;
    }

    public static EntityType fromCode(int code) {
        for (EntityType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown entity type 0x" + Integer.toHexString(code));
    }

    public static EntityType fromText(String text) {
        for (EntityType t : values()) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown entity type '" + text + "' (expected client, mon, osd, mds, mgr)");
    }
}
