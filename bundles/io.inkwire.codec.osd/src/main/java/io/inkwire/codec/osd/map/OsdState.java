package io.inkwire.codec.osd.map;

import java.util.ArrayList;
import java.util.List;

/** The {@code CEPH_OSD_*} state bits of {@code osd_state} ({@code src/include/rados.h}) and their names. */
public final class OsdState {

    /** The OSD id is allocated. */
    public static final int EXISTS = 1;
    /** The OSD is up (running and reachable). */
    public static final int UP = 2;
    /** Marked out automatically after being down. */
    public static final int AUTOOUT = 4;
    /** Newly created, not yet in. */
    public static final int NEW = 8;
    public static final int FULL = 16;
    public static final int NEARFULL = 32;
    public static final int BACKFILLFULL = 64;
    /** Destroyed: the id may be reused. */
    public static final int DESTROYED = 128;
    public static final int NOUP = 256;
    public static final int NODOWN = 512;
    public static final int NOIN = 1024;
    public static final int NOOUT = 2048;
    public static final int STOP = 4096;

    /** {@code ceph_osd_state_name} by bit. */
    private static final String[] NAMES = {"exists", "up", "autoout", "new", "full", "nearfull", "backfillfull",
            "destroyed", "noup", "nodown", "noin", "noout", "stop"};

    private OsdState() {
    }

    /** The names of the set bits in bit order ("???" for unknown bits), as {@code calc_state_set} lists them. */
    public static List<String> names(int state) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((state & (1 << bit)) != 0) {
                out.add(bit < NAMES.length ? NAMES[bit] : "???");
            }
        }
        return out;
    }
}
