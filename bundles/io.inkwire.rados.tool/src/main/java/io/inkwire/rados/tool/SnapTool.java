package io.inkwire.rados.tool;

import io.inkwire.codec.osd.SnapsResponse;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.PoolSnap;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The snapshot commands of Ceph's {@code rados} tool ({@code src/tools/rados/rados.cc}): {@code mksnap},
 * {@code rmsnap}, {@code lssnap}, {@code rollback}, {@code listsnaps} and {@code -s SNAP}, with the
 * tool's lines on stdout and its error lines (see {@link RadosToolException}) word for word, its slips
 * included: a failed {@code rollback} names the object where the snapshot belongs and has no colon
 * before the errno.
 */
public final class SnapTool {

    /** lssnap's stamp: {@code localtime_r} printed {@code YYYY.MM.DD HH:MM:SS}. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss");

    private SnapTool() {
    }

    /** {@code rados mksnap NAME}: its line, {@code created pool POOL snap NAME}. */
    public static String mksnap(IoCtx io, String name) throws RadosToolException, InterruptedException {
        try {
            Rados.await(io.snapCreate(name));
        } catch (RadosException e) {
            throw new RadosToolException("error creating pool " + io.pool() + " snapshot " + name + ": " + e.error().cephStyle());
        }
        return "created pool " + io.pool() + " snap " + name;
    }

    /** {@code rados rmsnap NAME}: its line, {@code removed pool POOL snap NAME}. */
    public static String rmsnap(IoCtx io, String name) throws RadosToolException, InterruptedException {
        try {
            Rados.await(io.snapRemove(name));
        } catch (RadosException e) {
            throw new RadosToolException("error removing pool " + io.pool() + " snapshot " + name + ": " + e.error().cephStyle());
        }
        return "removed pool " + io.pool() + " snap " + name;
    }

    /**
     * {@code rados lssnap}: one line per pool snapshot, {@code ID<TAB>NAME<TAB>YYYY.MM.DD HH:MM:SS} in the
     * local time zone (the tool's {@code localtime_r}), then {@code N snaps}.
     */
    public static void lssnap(IoCtx io, ZoneId zone, Consumer<String> lines) throws RadosToolException {
        List<PoolSnap> snaps;
        try {
            snaps = io.snapList();
        } catch (RadosException e) {
            throw new RadosToolException("error opening pool " + io.pool() + ": " + e.error().cephStyle());
        }
        for (PoolSnap s : snaps) {
            lines.accept(lssnapLine(s, zone));
        }
        lines.accept(snaps.size() + " snaps");
    }

    static String lssnapLine(PoolSnap s, ZoneId zone) {
        return Long.toUnsignedString(s.id()) + "\t" + s.name() + "\t" + STAMP.format(s.stamp().atZone(zone));
    }

    /** {@code rados rollback OBJ SNAP}: its line, {@code rolled back pool POOL to snapshot SNAP}. */
    public static String rollback(IoCtx io, String oid, String snap) throws RadosToolException, InterruptedException {
        try {
            Rados.await(io.snapRollback(oid, snap));
        } catch (RadosException e) {
            // rados.cc prints the object where the snapshot's name belongs, and no ": "
            throw new RadosToolException("error rolling back pool " + io.pool() + " to snapshot " + oid + e.error().cephStyle());
        }
        return "rolled back pool " + io.pool() + " to snapshot " + snap;
    }

    /** A read view at pool snapshot {@code name}, and the line the tool prints on choosing it. */
    public record Selected(IoCtx io, String line) {
    }

    /** {@code rados -s NAME …}: reads at that pool snapshot; the tool says {@code selected snap ID 'NAME'} on stdout. */
    public static Selected select(IoCtx io, String name) throws RadosToolException {
        PoolSnap snap;
        try {
            snap = io.snapLookup(name);
        } catch (RadosException e) {
            throw new RadosToolException("error looking up snap '" + name + "': " + e.error().cephStyle());
        }
        return new Selected(io.withReadSnap(snap.id()), "selected snap " + Long.toUnsignedString(snap.id()) + " '" + snap.name() + "'");
    }

    /**
     * {@code rados listsnaps OBJ}: {@code OBJ:}, the header, then one line per clone, {@code
     * ID<TAB>SNAPS<TAB>SIZE<TAB>[OFF~LEN,…]} ({@code head<TAB>-<TAB>SIZE} for the head, which has no
     * overlap), then an empty line where the head has none of its own.
     */
    public static void listsnaps(IoCtx io, String oid, Consumer<String> out) throws RadosToolException, InterruptedException {
        SnapsResponse r;
        try {
            r = Rados.await(io.listSnaps(oid));
        } catch (RadosException e) {
            throw new RadosToolException("error listing snap shots " + RadosTool.at(io, oid) + ": " + e.error().cephStyle());
        }
        out.accept(listsnapsText(oid, r));
    }

    /** The whole of listsnaps' output, newlines included. */
    static String listsnapsText(String oid, SnapsResponse r) {
        StringBuilder b = new StringBuilder(oid).append(":\n").append("cloneid\tsnaps\tsize\toverlap\n");
        for (SnapsResponse.Clone c : r.clones()) {
            boolean head = c.cloneId() == IoCtx.SNAP_HEAD;
            b.append(head ? "head" : Long.toUnsignedString(c.cloneId())).append('\t');
            if (c.snaps().isEmpty()) {
                b.append('-');
            }
            StringJoiner snaps = new StringJoiner(",");
            c.snaps().forEach(s -> snaps.add(Long.toUnsignedString(s)));
            b.append(snaps).append('\t').append(Long.toUnsignedString(c.size()));
            if (!head) {
                StringJoiner overlap = new StringJoiner(",", "\t[", "]\n");
                c.overlap().forEach(o -> overlap.add(Long.toUnsignedString(o.offset()) + "~" + Long.toUnsignedString(o.length())));
                b.append(overlap);
            }
        }
        return b.append('\n').toString();
    }
}
