package io.inkwire.auth.cephx.internal;

import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import java.util.List;
import java.util.Locale;

/**
 * Service masks: entity-type bits as cephx uses them in {@code other_keys} and
 * {@code CephXServiceTicketRequest.keys} (MON 0x01, MDS 0x02, OSD 0x04, MGR 0x10, AUTH 0x20).
 */
public final class ServiceMask {

    /** The option listing the services a client wants tickets for, e.g. {@code "mon osd mgr"} or {@code 0x35}. */
    public static final String WANT_KEYS_OPTION = "inkwire_cephx_want_keys";
    public static final int AUTH = EntityType.AUTH.code();
    public static final int MGR = EntityType.MGR.code();
    /** MON | OSD | MGR | AUTH, what a librados client asks a monitor for. */
    public static final int DEFAULT_WANT = EntityType.MON.code() | EntityType.OSD.code() | EntityType.MGR.code() | AUTH;
    /** The service ids a ticket can be for, lowest bit first (the order Ceph walks masks in). */
    static final int[] SERVICES = {EntityType.MON.code(), EntityType.MDS.code(), EntityType.OSD.code(),
            EntityType.MGR.code(), AUTH};

    private ServiceMask() {
    }

    /** The want mask from {@link #WANT_KEYS_OPTION}; the AUTH bit is always added. */
    public static int wantKeys(CephConfig options) {
        List<String> items = options == null ? List.of() : options.getList(WANT_KEYS_OPTION);
        if (items.isEmpty()) {
            return DEFAULT_WANT;
        }
        int mask = AUTH;
        for (String item : items) {
            String s = item.toLowerCase(Locale.ROOT);
            if (s.startsWith("0x")) {
                mask |= parse(s.substring(2), 16, item);
            } else if (Character.isDigit(s.charAt(0))) {
                mask |= parse(s, 10, item);
            } else {
                try {
                    EntityType t = EntityType.fromText(s);
                    if (t == EntityType.CLIENT) {
                        throw new IllegalArgumentException("client is not a service");
                    }
                    mask |= t.code();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("option " + WANT_KEYS_OPTION + ": '" + item
                            + "' is not one of mon, osd, mgr, mds, auth or a number");
                }
            }
        }
        return mask;
    }

    private static int parse(String digits, int radix, String item) {
        try {
            int v = Integer.parseInt(digits, radix);
            int all = 0;
            for (int s : SERVICES) {
                all |= s;
            }
            if ((v & ~all) != 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + WANT_KEYS_OPTION + ": '" + item + "' is not a service mask");
        }
    }

    static String name(int serviceId) {
        try {
            return EntityType.fromCode(serviceId).text();
        } catch (IllegalArgumentException e) {
            return "service 0x" + Integer.toHexString(serviceId);
        }
    }
}
