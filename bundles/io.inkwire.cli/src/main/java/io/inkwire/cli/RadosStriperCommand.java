package io.inkwire.cli;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.striper.RadosStriper;
import io.inkwire.rados.tool.RadosTool;
import io.inkwire.rados.tool.StriperTool;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code rados --striper CMD}: the commands Ceph's tool runs through libradosstriper (stat, get, put,
 * append, truncate, rm, ls and the xattr ones), with the tool's lines and error words.
 */
final class RadosStriperCommand {

    /** The commands {@code --striper} changes; the others run as without it, as in rados. */
    static final List<String> COMMANDS = List.of("put", "get", "append", "stat", "rm", "ls", "truncate",
            "setxattr", "getxattr", "rmxattr", "listxattr");

    private final PrintStream out;
    private final InputStream in;
    private final boolean allNamespaces;

    RadosStriperCommand(PrintStream out, InputStream in, boolean allNamespaces) {
        this.out = out;
        this.in = in;
        this.allNamespaces = allNamespaces;
    }

    int run(IoCtx io, String cmd, List<String> a, long offset) throws Exception {
        RadosStriper s = RadosStriper.create(io);
        switch (cmd) {
            case "put" -> {
                need(cmd, a, 2, "OBJ FILE");
                try (InputStream src = a.get(1).equals("-") ? in : Files.newInputStream(Path.of(a.get(1)))) {
                    StriperTool.put(s, a.get(0), src, offset);
                }
            }
            case "append" -> {
                need(cmd, a, 2, "OBJ FILE");
                try (InputStream src = a.get(1).equals("-") ? in : Files.newInputStream(Path.of(a.get(1)))) {
                    StriperTool.append(s, a.get(0), src);
                }
            }
            case "get" -> {
                need(cmd, a, 2, "OBJ FILE");
                OutputStream dst = a.get(1).equals("-") ? out : Files.newOutputStream(Path.of(a.get(1)));
                try {
                    StriperTool.get(s, a.get(0), dst);
                } finally {
                    if (dst != out) {
                        dst.close();
                    }
                }
            }
            case "stat" -> {
                need(cmd, a, 1, "OBJ");
                out.println(StriperTool.stat(s, a.get(0)));
            }
            case "rm" -> {
                if (a.isEmpty()) {
                    throw new CliArgs.UsageException("rm needs OBJ…");
                }
                for (String soid : a) {
                    StriperTool.remove(s, soid);
                }
            }
            case "truncate" -> {
                need(cmd, a, 2, "OBJ SIZE");
                long size;
                try {
                    size = Long.parseLong(a.get(1));
                } catch (NumberFormatException e) {
                    throw new CliArgs.UsageException("not a size: " + a.get(1));
                }
                StriperTool.truncate(s, a.get(0), size);
            }
            case "ls" -> {
                String file = a.isEmpty() ? "-" : a.get(0);
                PrintStream dst = file.equals("-") ? out : new PrintStream(Files.newOutputStream(Path.of(file)), true, StandardCharsets.UTF_8);
                try {
                    StriperTool.list(io, allNamespaces, dst::println);
                } finally {
                    if (dst != out) {
                        dst.close();
                    }
                }
            }
            case "setxattr" -> {
                need(cmd, a, 2, "OBJ NAME [VALUE]");
                byte[] v = a.size() > 2 ? a.get(2).getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
                RadosTool.call("setting xattr " + RadosTool.at(io, a.get(0)) + "/" + a.get(1), () -> s.setXattr(a.get(0), a.get(1), ByteBuffer.wrap(v)));
            }
            case "getxattr" -> {
                need(cmd, a, 2, "OBJ NAME");
                ByteBuffer v = RadosTool.call("getting xattr " + RadosTool.at(io, a.get(0)) + "/" + a.get(1), () -> s.getXattr(a.get(0), a.get(1)));
                byte[] b = new byte[v.remaining()];
                v.duplicate().get(b);
                out.write(b);
                out.flush();
            }
            case "rmxattr" -> {
                need(cmd, a, 2, "OBJ NAME");
                RadosTool.call("removing xattr " + RadosTool.at(io, a.get(0)) + "/" + a.get(1), () -> s.rmXattr(a.get(0), a.get(1)));
            }
            case "listxattr" -> {
                need(cmd, a, 1, "OBJ");
                for (String name : RadosTool.call("getting xattr set " + RadosTool.at(io, a.get(0)), () -> s.getXattrs(a.get(0))).keySet()) {
                    out.println(name);
                }
            }
            default -> throw new IllegalArgumentException(cmd);
        }
        return 0;
    }

    private static void need(String cmd, List<String> a, int n, String what) {
        if (a.size() < n) {
            throw new CliArgs.UsageException(cmd + " needs " + what);
        }
    }
}
