package io.inkwire.cli;

import io.inkwire.api.Errno;
import io.inkwire.rados.IoCtx;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rados -p POOL bench SECONDS write|seq|rand [-b SIZE] [-t N] [--no-cleanup]
 * [--run-name NAME] [--max-objects N] [-f json|json-pretty]} and {@code rados -p POOL cleanup
 * [--prefix PREFIX] [--run-name NAME] [--all]}: the command lines of Ceph's tool
 * ({@code src/tools/rados/rados.cc}), its checks and error lines, and its exit status 1 for any
 * failure, with the work done by {@link RadosBencher} and {@link BenchCleaner}.
 *
 * <p>inkwire sends no allocation hint with its writes (its {@code WriteOp} has no
 * {@code set_alloc_hint}), so it prints {@code hints = 0}: what {@code rados bench --no-hints}
 * prints, and the same ops on the wire.
 */
final class RadosBenchCommand {

    static final long DEFAULT_OP_SIZE = 4 << 20;
    static final int DEFAULT_CONCURRENT_IOS = 16;
    /** Ceph has no bound; arrays of this many slots are what inkwire allows itself. */
    static final int MAX_CONCURRENT_IOS = 1 << 16;
    private static final Pattern STRTOL = Pattern.compile("\\s*([+-]?)(\\d*)");

    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;

    RadosBenchCommand(CliContext ctx, PrintStream out, PrintStream err) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
    }

    int bench(IoCtx io, List<String> a) throws InterruptedException {
        if (a.size() < 2) {
            throw new CliArgs.UsageException("bench needs SECONDS write|seq|rand");
        }
        Map<String, String> flags = ctx.args.commandFlags;
        Integer seconds = seconds(a.get(0));
        if (seconds == null) {
            err.println("Invalid value for seconds: '" + a.get(0) + "'");
            return RadosCommand.FAILED;
        }
        RadosBencher.Operation op = switch (a.get(1)) {
            case "write" -> RadosBencher.Operation.WRITE;
            case "seq" -> RadosBencher.Operation.SEQ;
            case "rand" -> RadosBencher.Operation.RAND;
            default -> throw new CliArgs.UsageException("bench takes write, seq or rand, not " + a.get(1));
        };
        if (op != RadosBencher.Operation.WRITE && flags.containsKey("block_size")) {
            err.println("-b|--block_size option can be used only with 'write' bench test");
            return RadosCommand.FAILED;
        }
        CephJsonStream json = CephJsonStream.forFormat(ctx.args.format);
        if (json == null && !ctx.args.format.equals("plain")) {
            err.println("unrecognized format: " + ctx.args.format);
            return RadosCommand.FAILED;
        }
        Long opSize = value("block_size", "block-size", DEFAULT_OP_SIZE, 0, 0xffffffffL);
        Long concurrent = value("concurrent_ios", "concurrent-ios", DEFAULT_CONCURRENT_IOS, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Long maxObjects = value("max_objects", "max-objects", 0, 0, 0xffffffffL);
        if (opSize == null || concurrent == null || maxObjects == null) {
            return RadosCommand.FAILED;
        }
        if (concurrent > MAX_CONCURRENT_IOS) {
            err.println("-t " + concurrent + ": at most " + MAX_CONCURRENT_IOS + " concurrent ops");
            return RadosCommand.FAILED;
        }
        out.println("hints = 0");
        RadosBencher bencher = new RadosBencher(io, out, err, json, BenchObjectNames.local(), BenchObjectNames.pid(),
                Runtime.getRuntime().maxMemory() / 2);
        int r = bencher.run(new RadosBencher.Params(op, seconds, concurrent.intValue(), opSize, opSize, maxObjects,
                !flags.containsKey("no_cleanup"), flags.get("run_name"), false));
        if (r != 0) {
            err.println("error during benchmark: " + Errno.of(-r).cephStyle());
        }
        return exit(r);
    }

    int cleanup(IoCtx io) throws InterruptedException {
        Map<String, String> flags = ctx.args.commandFlags;
        Long concurrent = value("concurrent_ios", "concurrent-ios", DEFAULT_CONCURRENT_IOS, Integer.MIN_VALUE, MAX_CONCURRENT_IOS);
        if (concurrent == null) {
            return RadosCommand.FAILED;
        }
        // --all lists every namespace unless -N names one, as rados's wildcard
        boolean all = flags.containsKey("all") && !flags.containsKey("namespace");
        // --prefix is no option of the inkwire CLI's own; the command line keeps it with the Ceph options
        String prefix = ctx.args.options.get("prefix");
        int r = new BenchCleaner(out, err, BenchObjectNames.local()).cleanUp(io, all, prefix, flags.get("run_name"),
                concurrent.intValue());
        if (r != 0) {
            err.println("error during cleanup: " + Errno.of(-r).cephStyle());
        }
        return exit(r);
    }

    /** A flag's value ({@code rados_sistrtoll}), or null after Ceph's line for a bad one. */
    private Long value(String flag, String cephName, long otherwise, long min, long max) {
        String v = ctx.args.commandFlags.get(flag);
        if (v == null) {
            return otherwise;
        }
        try {
            return IecSize.parse(v, min, max);
        } catch (IecSize.InvalidException e) {
            err.println("Invalid value for " + cephName + ": " + e.getMessage());
            return null;
        }
    }

    /** rados ends a failed command with {@code error N: (N) text} and exit status 1. */
    private int exit(int r) {
        if (r < 0) {
            err.println("error " + -r + ": " + Errno.of(-r).cephStyle());
            return RadosCommand.FAILED;
        }
        return 0;
    }

    /** {@code strtol(s, &end, 10)} with nothing left over, as rados reads SECONDS; null when something is. */
    static Integer seconds(String s) {
        Matcher m = STRTOL.matcher(s);
        if (!m.matches()) {
            return null;
        }
        if (m.group(2).isEmpty()) {
            return 0;
        }
        long v;
        try {
            v = Long.parseLong(m.group(1) + m.group(2));
        } catch (NumberFormatException e) {
            v = m.group(1).equals("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // strtol saturates
        }
        return (int) v;
    }
}
