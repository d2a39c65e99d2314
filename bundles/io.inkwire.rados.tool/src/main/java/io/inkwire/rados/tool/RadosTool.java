package io.inkwire.rados.tool;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ListCursor;
import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectPage;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Object I/O as Ceph's {@code rados} tool does it ({@code src/tools/rados/rados.cc}): data moves
 * in pieces of the tool's default op size, a listing runs page by page, {@code stat} prints the
 * tool's line, and a failure reads as the tool words it, {@code error WHAT: (N) text}, where WHAT
 * is the tool's phrase for the command ({@code getting test/obj}, {@code removing test>obj}, …).
 */
public final class RadosTool {

    /** {@code rados put} and {@code get} move data in pieces of the tool's default op size. */
    public static final int OP_SIZE = 4 << 20;
    /** Entries asked for per listing round trip. */
    private static final int LIST_PAGE = 1024;
    private static final DateTimeFormatter MTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ").withZone(ZoneOffset.UTC);

    private RadosTool() {
    }

    /** The pool's I/O context, default namespace; a pool the map does not have is the tool's "error opening pool". */
    public static IoCtx openPool(RadosClient client, String pool) throws RadosToolException {
        try {
            return client.ioCtx(pool);
        } catch (RadosException e) {
            throw new RadosToolException("error opening pool " + pool + ": " + e.error().cephStyle());
        }
    }

    /** Runs an op and waits; a failure becomes {@code error WHAT: (N) text}. */
    public static <T> T call(String what, Supplier<? extends CompletionStage<T>> op) throws RadosToolException, InterruptedException {
        try {
            return Rados.await(op.get());
        } catch (RadosException e) {
            throw new RadosToolException("error " + what + ": " + e.error().cephStyle());
        }
    }

    /** {@code POOL/OBJ}, as the tool names an object in its messages. */
    public static String at(IoCtx io, String oid) {
        return io.pool() + "/" + oid;
    }

    /**
     * {@code rados put [--offset N]}: without an offset the first piece replaces the object
     * (write_full), the rest are writes at their offsets; an empty source makes an empty object.
     */
    public static void put(IoCtx io, String oid, InputStream src, long offset) throws RadosToolException, IOException, InterruptedException {
        long at = offset;
        boolean first = true;
        byte[] buf = new byte[OP_SIZE];
        while (true) {
            int n = src.readNBytes(buf, 0, buf.length);
            if (n == 0 && !first) {
                break;
            }
            ByteBuffer piece = ByteBuffer.wrap(buf.clone(), 0, n);
            long pos = at;
            if (first && offset == 0) {
                call("putting " + at(io, oid), () -> io.writeFull(oid, piece));
            } else {
                call("putting " + at(io, oid), () -> io.write(oid, piece, pos));
            }
            first = false;
            at += n;
            if (n < buf.length) {
                break;
            }
        }
    }

    /** {@code rados append}: the source in pieces, each appended. */
    public static void append(IoCtx io, String oid, InputStream src) throws RadosToolException, IOException, InterruptedException {
        byte[] buf = new byte[OP_SIZE];
        int n;
        while ((n = src.readNBytes(buf, 0, buf.length)) > 0) {
            ByteBuffer piece = ByteBuffer.wrap(buf.clone(), 0, n);
            call("appending " + at(io, oid), () -> io.append(oid, piece));
            if (n < buf.length) {
                break;
            }
        }
    }

    /** {@code rados get}: reads in pieces until a short one, as the tool does; returns the bytes written. */
    public static long get(IoCtx io, String oid, OutputStream dst) throws RadosToolException, IOException, InterruptedException {
        long at = 0;
        while (true) {
            long pos = at;
            byte[] b = bytes(call("getting " + at(io, oid), () -> io.read(oid, pos, OP_SIZE)));
            dst.write(b);
            at += b.length;
            if (b.length < OP_SIZE) {
                break;
            }
        }
        dst.flush();
        return at;
    }

    /** {@code rados stat}: the tool's line, {@code POOL/OBJ mtime 2024-05-01T10:00:00.000000+0000, size N}. */
    public static String stat(IoCtx io, String oid) throws RadosToolException, InterruptedException {
        ObjectStat s;
        try {
            s = Rados.await(io.stat(oid));
        } catch (RadosException e) {
            // the tool's own wording, leading space included
            throw new RadosToolException(" error stat-ing " + at(io, oid) + ": " + e.error().cephStyle());
        }
        return statLine(at(io, oid), s);
    }

    static String statLine(String object, ObjectStat s) {
        return object + " mtime " + MTIME.format(s.mtime().truncatedTo(ChronoUnit.SECONDS)) + ", size " + s.size();
    }

    /** {@code rados rm}, one object: {@code error removing POOL>OBJ} on failure, as the tool words it. */
    public static void remove(IoCtx io, String oid) throws RadosToolException, InterruptedException {
        call("removing " + io.pool() + ">" + oid, () -> io.remove(oid));
    }

    /**
     * {@code rados ls}: each object's line, in the order the OSDs list them: its name, with
     * {@code allNamespaces} ({@code --all}) {@code NAMESPACE<TAB>NAME}, and {@code <TAB>LOCATOR}
     * after it when it has a locator key.
     */
    public static void list(IoCtx io, boolean allNamespaces, Consumer<String> lines) throws RadosToolException, InterruptedException {
        Optional<ListCursor> cursor = Optional.of(ListCursor.START);
        while (cursor.isPresent()) {
            ListCursor at = cursor.get();
            ObjectPage page;
            try {
                page = Rados.await(allNamespaces ? io.listAllNamespaces(at, LIST_PAGE) : io.list(at, LIST_PAGE));
            } catch (RadosException e) {
                throw new RadosToolException("error listing objects: " + e.error().cephStyle());
            }
            for (ObjectEntry en : page.entries()) {
                lines.accept(listLine(en, allNamespaces));
            }
            cursor = page.next();
        }
    }

    static String listLine(ObjectEntry en, boolean allNamespaces) {
        StringBuilder line = new StringBuilder();
        if (allNamespaces) {
            line.append(en.namespace()).append('\t');
        }
        line.append(en.name());
        if (!en.locator().isEmpty()) {
            line.append('\t').append(en.locator());
        }
        return line.toString();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
