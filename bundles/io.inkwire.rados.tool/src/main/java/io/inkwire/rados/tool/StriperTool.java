package io.inkwire.rados.tool;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ListCursor;
import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectPage;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.RadosStriper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code rados --striper …} ({@code src/tools/rados/rados.cc} over libradosstriper): the same
 * commands, lines and error words as {@link RadosTool}, on striped objects. Data is streamed with
 * the striper's parallel pieces rather than the tool's one 4 MiB op at a time; what ends up in the
 * pool is the same.
 */
public final class StriperTool {

    /** The suffix of a striped object's first piece: {@code rados --striper ls} lists only those, without it. */
    public static final String FIRST_SUFFIX = ".0000000000000000";

    private StriperTool() {
    }

    /** {@code rados --striper put [--offset N]}: from the start a full replacement, else writes from the offset. */
    public static long put(RadosStriper s, String soid, InputStream src, long offset) throws RadosToolException, IOException, InterruptedException {
        String what = "error putting " + RadosTool.at(s.ioCtx(), soid) + ": ";
        try {
            if (offset == 0) {
                return s.upload(soid, src);
            }
            long at = offset;
            byte[] buf = new byte[RadosTool.OP_SIZE];
            int n;
            while ((n = src.readNBytes(buf, 0, buf.length)) > 0) {
                Rados.await(s.write(soid, ByteBuffer.wrap(buf, 0, n), at));
                at += n;
            }
            return at - offset;
        } catch (RadosException e) {
            throw new RadosToolException(what + e.error().cephStyle());
        }
    }

    /** {@code rados --striper append}: the source in pieces of the tool's op size, each appended. */
    public static void append(RadosStriper s, String soid, InputStream src) throws RadosToolException, IOException, InterruptedException {
        byte[] buf = new byte[RadosTool.OP_SIZE];
        int n;
        while ((n = src.readNBytes(buf, 0, buf.length)) > 0) {
            ByteBuffer piece = ByteBuffer.wrap(buf.clone(), 0, n);
            RadosTool.call("appending " + RadosTool.at(s.ioCtx(), soid), () -> s.append(soid, piece));
        }
    }

    /** {@code rados --striper get}. */
    public static long get(RadosStriper s, String soid, OutputStream dst) throws RadosToolException, IOException, InterruptedException {
        try {
            return s.download(soid, dst);
        } catch (RadosException e) {
            throw new RadosToolException("error getting " + RadosTool.at(s.ioCtx(), soid) + ": " + e.error().cephStyle());
        }
    }

    /** {@code rados --striper stat}: the tool's line with the striped size. */
    public static String stat(RadosStriper s, String soid) throws RadosToolException, InterruptedException {
        ObjectStat st;
        try {
            st = Rados.await(s.stat(soid));
        } catch (RadosException e) {
            throw new RadosToolException(" error stat-ing " + RadosTool.at(s.ioCtx(), soid) + ": " + e.error().cephStyle());
        }
        return RadosTool.statLine(RadosTool.at(s.ioCtx(), soid), st);
    }

    /** {@code rados --striper rm}, one object. */
    public static void remove(RadosStriper s, String soid) throws RadosToolException, InterruptedException {
        RadosTool.call("removing " + s.ioCtx().pool() + ">" + soid, () -> s.remove(soid));
    }

    /** {@code rados --striper truncate}. */
    public static void truncate(RadosStriper s, String soid, long size) throws RadosToolException, InterruptedException {
        RadosTool.call("truncating " + RadosTool.at(s.ioCtx(), soid), () -> s.truncate(soid, size));
    }

    /**
     * {@code rados --striper ls}: the objects whose name ends in {@code .0000000000000000} (and is
     * longer than that), named without it; with {@code allNamespaces}, {@code NAMESPACE<TAB>NAME}.
     */
    public static void list(IoCtx io, boolean allNamespaces, Consumer<String> lines) throws RadosToolException, InterruptedException {
        Optional<ListCursor> cursor = Optional.of(ListCursor.START);
        while (cursor.isPresent()) {
            ListCursor at = cursor.get();
            ObjectPage page;
            try {
                page = Rados.await(allNamespaces ? io.listAllNamespaces(at, 1024) : io.list(at, 1024));
            } catch (RadosException e) {
                throw new RadosToolException("error listing objects: " + e.error().cephStyle());
            }
            for (ObjectEntry en : page.entries()) {
                String n = en.name();
                if (n.length() > FIRST_SUFFIX.length() && n.endsWith(FIRST_SUFFIX)) {
                    String soid = n.substring(0, n.length() - FIRST_SUFFIX.length());
                    lines.accept(RadosTool.listLine(new ObjectEntry(en.namespace(), soid, en.locator()), allNamespaces));
                }
            }
            cursor = page.next();
        }
    }
}
