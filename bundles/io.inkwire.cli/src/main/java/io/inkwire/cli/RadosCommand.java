package io.inkwire.cli;

import io.inkwire.codec.osd.OmapVals;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.PoolInfo;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import io.inkwire.rados.tool.RadosTool;
import io.inkwire.rados.tool.RadosToolException;
import io.inkwire.rados.tool.SnapTool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * {@code rados [-p POOL] [-N NS | --all] COMMAND …}: object I/O as Ceph's {@code rados} tool does
 * it ({@code src/tools/rados/rados.cc}), with the same command names and arguments, the same
 * stdout, and its error lines on stderr ({@code  error stat-ing test/obj1: (2) No such file or
 * directory}) and its exit status, 1 for any failure.
 */
final class RadosCommand {

    /** What {@code rados} exits with on any failure. */
    static final int FAILED = 1;

    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    RadosCommand(CliContext ctx, PrintStream out, PrintStream err, InputStream in) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    /** A failure that {@code rados} reports with its own words (null: the tool printed its line already). */
    static final class RadosCliException extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitStatus;

        RadosCliException(String message, int exitStatus) {
            super(message);
            this.exitStatus = exitStatus;
        }
    }

    int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new CliArgs.UsageException("rados needs a command: put get append truncate create rm stat ls setxattr getxattr "
                    + "rmxattr listxattr setomapval getomapval rmomapkey listomapkeys listomapvals getomapheader setomapheader "
                    + "clearomap lspools df watch notify listwatchers lock bench cleanup mksnap rmsnap lssnap rollback listsnaps");
        }
        String cmd = args.get(0);
        List<String> a = args.subList(1, args.size());
        try (RadosClient client = Rados.connect(ctx.providers.transport, ctx.messengerConfig(ctx.verboseDispatcher()).build(),
                ctx.monitors(), ctx.mountTimeout())) {
            try {
                return dispatch(client, cmd, a);
            } catch (RadosCliException e) {
                if (e.getMessage() != null) {
                    err.println(e.getMessage());
                }
                return e.exitStatus;
            } catch (RadosToolException e) {
                err.println(e.getMessage());
                return FAILED;
            }
        }
    }

    private int dispatch(RadosClient client, String cmd, List<String> a) throws Exception {
        if (ctx.args.commandFlags.containsKey("striper") && RadosStriperCommand.COMMANDS.contains(cmd)) {
            // --striper: through libradosstriper's layout, as rados --striper
            return new RadosStriperCommand(out, in, ctx.args.commandFlags.containsKey("all")).run(io(client), cmd, a, offset());
        }
        switch (cmd) {
            case "lspools":
                for (PoolInfo p : client.pools()) {
                    out.println(p.name());
                }
                return 0;
            case "df": {
                Optional<String> pool = Optional.ofNullable(ctx.args.commandFlags.get("pool"));
                if (pool.isPresent()) {
                    io(client); // "error opening pool …" for a pool the map does not have, as rados says
                }
                return new RadosDfCommand(out, ctx.args.format).run(client, pool);
            }
            case "bench":
                return new RadosBenchCommand(ctx, out, err).bench(io(client), a);
            case "cleanup":
                return new RadosBenchCommand(ctx, out, err).cleanup(io(client));
            case "put":
                need(cmd, a, 2, "OBJ FILE");
                put(io(client), a.get(0), a.get(1), offset());
                return 0;
            case "append":
                need(cmd, a, 2, "OBJ FILE");
                append(io(client), a.get(0), a.get(1));
                return 0;
            case "get":
                need(cmd, a, 2, "OBJ FILE");
                get(io(client), a.get(0), a.get(1));
                return 0;
            case "truncate":
                need(cmd, a, 2, "OBJ SIZE");
                truncate(io(client), a.get(0), parseSize(a.get(1)));
                return 0;
            case "create":
                need(cmd, a, 1, "OBJ");
                create(io(client), a.get(0));
                return 0;
            case "rm":
                if (a.isEmpty()) {
                    throw new CliArgs.UsageException("rm needs OBJ…");
                }
                IoCtx io = io(client);
                for (String oid : a) {
                    RadosTool.remove(io, oid);
                }
                return 0;
            case "stat":
                need(cmd, a, 1, "OBJ");
                out.println(RadosTool.stat(io(client), a.get(0)));
                return 0;
            case "ls":
                ls(client, a.isEmpty() ? "-" : a.get(0));
                return 0;
            case "setxattr":
                need(cmd, a, 2, "OBJ NAME [VALUE]");
                setxattr(io(client), a);
                return 0;
            case "getxattr":
                need(cmd, a, 2, "OBJ NAME");
                getxattr(io(client), a.get(0), a.get(1));
                out.flush();
                return 0;
            case "rmxattr":
                need(cmd, a, 2, "OBJ NAME");
                rmxattr(io(client), a.get(0), a.get(1));
                return 0;
            case "listxattr":
                need(cmd, a, 1, "OBJ");
                IoCtx xio = io(client);
                for (String name : call(xio, "getting xattr set " + at(xio, a.get(0)), x -> x.getXattrs(a.get(0))).keySet()) {
                    out.println(name);
                }
                return 0;
            case "setomapval":
                need(cmd, a, 2, "OBJ KEY [VALUE]");
                setomapval(io(client), a);
                return 0;
            case "getomapval":
                need(cmd, a, 2, "OBJ KEY [FILE]");
                getomapval(io(client), a);
                return 0;
            case "rmomapkey":
                need(cmd, a, 2, "OBJ KEY");
                rmomapkey(io(client), a.get(0), a.get(1));
                return 0;
            case "clearomap":
                if (a.isEmpty()) {
                    throw new CliArgs.UsageException("clearomap needs OBJ…");
                }
                IoCtx cio = io(client);
                for (String oid : a) {
                    call(cio, "clearing omap on " + at(cio, oid), x -> x.omapClear(oid));
                }
                return 0;
            case "listomapkeys":
                need(cmd, a, 1, "OBJ");
                for (String k : omapAll(io(client), a.get(0)).keySet()) {
                    out.println(k);
                }
                return 0;
            case "listomapvals":
                need(cmd, a, 1, "OBJ");
                for (Map.Entry<String, ByteBuffer> e : omapAll(io(client), a.get(0)).entrySet()) {
                    out.println(e.getKey());
                    byte[] v = bytes(e.getValue());
                    out.println("value (" + v.length + " bytes) :");
                    out.print(Hexdump.of(v));
                    out.println();
                }
                return 0;
            case "getomapheader":
                need(cmd, a, 1, "OBJ");
                IoCtx hio = io(client);
                byte[] h = bytes(call(hio, "getting omap header " + at(hio, a.get(0)), x -> x.omapGetHeader(a.get(0))));
                if (a.size() > 1) {
                    write(a.get(1), h);
                } else {
                    out.println("header (" + h.length + " bytes) :");
                    out.print(Hexdump.of(h));
                    out.println();
                }
                return 0;
            case "setomapheader":
                need(cmd, a, 2, "OBJ VALUE");
                IoCtx sio = io(client);
                call(sio, "setting omap header " + at(sio, a.get(0)),
                        x -> x.omapSetHeader(a.get(0), ByteBuffer.wrap(a.get(1).getBytes(StandardCharsets.UTF_8))));
                return 0;
            case "watch":
                need(cmd, a, 1, "OBJ");
                return new RadosWatchCommands(out, err, in).watch(io(client), a.get(0));
            case "notify":
                need(cmd, a, 2, "OBJ MESSAGE");
                return new RadosWatchCommands(out, err, in).notify(io(client), a.get(0), a.get(1));
            case "listwatchers":
                need(cmd, a, 1, "OBJ");
                return new RadosWatchCommands(out, err, in).listWatchers(io(client), a.get(0));
            case "lock":
                return new RadosLockCommand(out, err, ctx.args.commandFlags, ctx.args.format).run(io(client), a);
            case "mksnap":
                need(cmd, a, 1, "SNAP");
                out.println(SnapTool.mksnap(io(client), a.get(0)));
                return 0;
            case "rmsnap":
                need(cmd, a, 1, "SNAP");
                out.println(SnapTool.rmsnap(io(client), a.get(0)));
                return 0;
            case "lssnap":
                if (!a.isEmpty()) {
                    throw new CliArgs.UsageException("lssnap takes no arguments");
                }
                SnapTool.lssnap(io(client), java.time.ZoneId.systemDefault(), out::println);
                return 0;
            case "rollback":
                need(cmd, a, 2, "OBJ SNAP");
                out.println(SnapTool.rollback(io(client), a.get(0), a.get(1)));
                return 0;
            case "listsnaps":
                need(cmd, a, 1, "OBJ");
                SnapTool.listsnaps(io(client), a.get(0), out::print);
                return 0;
            default:
                throw new CliArgs.UsageException("unrecognized rados command " + cmd);
        }
    }

    private static void need(String cmd, List<String> a, int n, String what) {
        if (a.size() < n) {
            throw new CliArgs.UsageException(cmd + " needs " + what);
        }
    }

    private IoCtx io(RadosClient client) throws RadosToolException {
        String pool = ctx.args.commandFlags.get("pool");
        if (pool == null) {
            throw new CliArgs.UsageException("no pool given: -p POOL");
        }
        IoCtx io = RadosTool.openPool(client, pool);
        String snap = ctx.args.commandFlags.get("snap");
        if (snap != null) {
            // -s SNAP: reads at that pool snapshot; rados says so on stdout before the command runs
            SnapTool.Selected at = SnapTool.select(io, snap);
            out.println(at.line());
            io = at.io();
        }
        String ns = ctx.args.commandFlags.get("namespace");
        String loc = ctx.args.commandFlags.get("object_locator");
        return io.withNamespace(ns == null ? "" : ns).withLocator(loc == null ? "" : loc);
    }

    private long offset() {
        String o = ctx.args.commandFlags.get("offset");
        return o == null ? 0 : parseSize(o);
    }

    private static long parseSize(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("not a size: " + s);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        java.util.concurrent.CompletionStage<T> on(IoCtx io);
    }

    /**
     * Runs an op; a failure reads as {@code rados} words it, {@code error WHAT: (N) text}, where
     * WHAT is the tool's phrase for the command ({@code getting test/obj}, {@code removing
     * test>obj}, {@code getting xattr test/obj/name}, …).
     */
    private <T> T call(IoCtx io, String what, Call<T> c) throws RadosCliException, InterruptedException {
        try {
            return Rados.await(c.on(io));
        } catch (RadosException e) {
            throw new RadosCliException("error " + what + ": " + e.error().cephStyle(), FAILED);
        }
    }

    private static String at(IoCtx io, String oid) {
        return io.pool() + "/" + oid;
    }

    private void put(IoCtx io, String oid, String file, long offset) throws Exception {
        try (InputStream src = open(file)) {
            RadosTool.put(io, oid, src, offset);
        }
    }

    private void append(IoCtx io, String oid, String file) throws Exception {
        try (InputStream src = open(file)) {
            RadosTool.append(io, oid, src);
        }
    }

    private void get(IoCtx io, String oid, String file) throws Exception {
        OutputStream dst = file.equals("-") ? out : Files.newOutputStream(Path.of(file));
        try {
            RadosTool.get(io, oid, dst);
        } finally {
            if (dst != out) {
                dst.close();
            }
        }
    }

    /** {@code rados truncate}: creates the object when it does not exist, as the tool's truncate op does. */
    private void truncate(IoCtx io, String oid, long size) throws Exception {
        call(io, "truncating " + at(io, oid), x -> x.truncate(oid, size));
    }

    /** {@code rados create}: exclusive, so an existing object is EEXIST. */
    private void create(IoCtx io, String oid) throws Exception {
        call(io, "creating " + at(io, oid), x -> x.create(oid, true));
    }

    private void getxattr(IoCtx io, String oid, String name) throws Exception {
        out.write(bytes(call(io, "getting xattr " + at(io, oid) + "/" + name, x -> x.getXattr(oid, name))));
        out.flush();
    }

    private void rmxattr(IoCtx io, String oid, String name) throws Exception {
        call(io, "removing xattr " + at(io, oid) + "/" + name, x -> x.rmXattr(oid, name));
    }

    private void rmomapkey(IoCtx io, String oid, String key) throws Exception {
        call(io, "removing omap key " + at(io, oid) + "/" + key, x -> x.omapRmKeys(oid, List.of(key)));
    }

    /** {@code rados ls FILE|-}: names one a line; with {@code --all}, {@code NAMESPACE<TAB>NAME}. */
    private void ls(RadosClient client, String file) throws Exception {
        IoCtx io = io(client);
        boolean all = ctx.args.commandFlags.containsKey("all");
        PrintStream dst = file.equals("-") ? out : new PrintStream(Files.newOutputStream(Path.of(file)), true, StandardCharsets.UTF_8);
        try {
            RadosTool.list(io, all, dst::println);
        } finally {
            if (dst != out) {
                dst.close();
            }
        }
    }

    private void setxattr(IoCtx io, List<String> a) throws Exception {
        byte[] value = a.size() > 2 ? a.get(2).getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
        call(io, "setting xattr " + at(io, a.get(0)) + "/" + a.get(1), x -> x.setXattr(a.get(0), a.get(1), ByteBuffer.wrap(value)));
    }

    private void setomapval(IoCtx io, List<String> a) throws Exception {
        byte[] value = a.size() > 2 ? a.get(2).getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
        call(io, "setting omap value " + at(io, a.get(0)), x -> x.omapSet(a.get(0), Map.of(a.get(1), ByteBuffer.wrap(value))));
    }

    private void getomapval(IoCtx io, List<String> a) throws Exception {
        SortedMap<String, ByteBuffer> got = call(io, "getting omap value " + at(io, a.get(0)), x -> x.omapGetValsByKeys(a.get(0), List.of(a.get(1))));
        ByteBuffer v = got.get(a.get(1));
        if (v == null) {
            out.println("No such key: " + io.pool() + "/" + a.get(0) + "/" + a.get(1));
            throw new RadosCliException(null, FAILED);
        }
        byte[] b = bytes(v);
        if (a.size() > 2) {
            write(a.get(2), b);
        } else {
            out.println("value (" + b.length + " bytes) :");
            out.print(Hexdump.of(b));
            out.println();
        }
    }

    /** Every omap pair of an object, in pages as {@code rados listomapvals} reads them. */
    private SortedMap<String, ByteBuffer> omapAll(IoCtx io, String oid) throws Exception {
        SortedMap<String, ByteBuffer> all = new java.util.TreeMap<>();
        String after = "";
        while (true) {
            ReadOp op = new ReadOp();
            var slot = op.omapGetVals(after, "", 512);
            call(io, "getting omap keys " + at(io, oid), x -> x.operate(oid, op));
            OmapVals page = slot.get();
            all.putAll(page.values());
            if (page.values().isEmpty() || !page.more(512)) {
                return all;
            }
            after = page.values().lastKey();
        }
    }

    private InputStream open(String file) throws IOException {
        return file.equals("-") ? in : Files.newInputStream(Path.of(file));
    }

    private void write(String file, byte[] b) throws IOException {
        if (file.equals("-")) {
            out.write(b);
            out.flush();
        } else {
            Files.write(Path.of(file), b);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
