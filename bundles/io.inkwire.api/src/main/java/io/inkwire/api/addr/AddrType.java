package io.inkwire.api.addr;

/** {@code entity_addr_t::TYPE_*} from {@code src/msg/msg_types.h}. */
public enum AddrType {
    /** {@code TYPE_NONE = 0}, printed {@code -}. */
    NONE(0, "-"),
    /** {@code TYPE_LEGACY = 1}: a msgr1 endpoint, printed {@code v1:}. */
    LEGACY(1, "v1:"),
    /** {@code TYPE_MSGR2 = 2}: a msgr2 endpoint, printed {@code v2:}. */
    MSGR2(2, "v2:"),
    /** {@code TYPE_ANY = 3}: either protocol (a client's own address), printed without prefix. */
    ANY(3, ""),
    /** {@code TYPE_CIDR = 4}: a network range; the nonce holds the prefix length. */
    CIDR(4, "cidr:");

    private final int code;
    private final String prefix;

    AddrType(int code, String prefix) {
        this.code = code;
        this.prefix = prefix;
    }

    public int code() {
        return code;
    }

    /** The text prefix Ceph prints before the address. */
    public String prefix() {
        return prefix;
    }

    public static AddrType fromCode(int code) {
        for (AddrType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown address type " + code);
    }
}
