package io.inkwire.cli;

import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.ConnectionMode;
import java.awt.Color;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code bench}: drives messages between an inkwire connector and an inkwire acceptor (in this
 * process on loopback, or {@code inkwire serve} at {@code --target}) and reports messages/s, MB/s,
 * round-trip latency percentiles, CPU per GB and per 1,000 messages and the allocation rate; in
 * the same run it measures the machine's limits for each message size (CRC32C, AES-128-GCM, a
 * plain NIO loopback stream) and gives inkwire's throughput as ratios to them.
 *
 * <pre>
 * bench [--size 4096,4194304] [--connections 1] [--in-flight 16] [--seconds 5] [--warmup 1.5]
 *       [--mode crc,secure] [--auth none] [--target v2:ADDR] [--plot FILE.png]
 *       [-f plain|json|json-pretty|markdown]
 * </pre>
 * Progress goes to stderr, the result to stdout.
 */
final class BenchCommand {

    /** Bench flags that arrive as Ceph-style options; they are kept out of the messengers' options. */
    static final Set<String> FLAGS = Set.of("connections", "in_flight", "mode", "auth", "target", "warmup", "plot", "limit_seconds");
    /** Small frames that compile the codec and GCM paths before anything is measured (see MachineLimits#warmUpGcm). */
    static final int WARMUP_OPERATIONS = 30_000;

    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(CliContext ctx, PrintStream out, PrintStream err) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        Map<String, String> o = ctx.args.options;
        List<Integer> sizes = sizes(ctx.args.commandFlags.getOrDefault("size", "4096,4194304"));
        double seconds = positive("seconds", ctx.args.commandFlags.getOrDefault("seconds", "5"));
        double warmup = nonNegative("warmup", o.getOrDefault("warmup", String.valueOf(Math.min(1.5, Math.max(0.5, seconds * 0.3)))));
        double limitSeconds = positive("limit-seconds", o.getOrDefault("limit_seconds", String.valueOf(Math.min(0.4, Math.max(0.1, seconds / 10)))));
        int connections = (int) positive("connections", o.getOrDefault("connections", "1"));
        int inFlight = (int) positive("in-flight", o.getOrDefault("in_flight", "16"));
        List<String> modes = list(o.getOrDefault("mode", "crc,secure"));
        // auth none yields no connection secret, so a mode that needs one (secure) defaults to cephx
        List<String> explicitAuths = o.containsKey("auth") ? list(o.get("auth")) : null;
        EntityAddr target = o.containsKey("target") ? targetAddr(o.get("target")) : null;
        String format = ctx.args.format;
        if (!List.of("plain", "json", "json-pretty", "markdown").contains(format)) {
            throw new CliArgs.UsageException("bench -f takes plain, json, json-pretty or markdown");
        }
        for (String m : modes) {
            if (!ctx.providers.hasMode(m)) {
                throw new CliArgs.UsageException("bench --mode " + m + ": no such connection mode installed");
            }
        }
        for (String a : explicitAuths == null ? List.<String>of() : explicitAuths) {
            if (!ctx.providers.hasAuth(a)) {
                throw new CliArgs.UsageException("bench --auth " + a + ": no such auth method installed");
            }
        }
        Map<String, String> rest = new LinkedHashMap<>(ctx.options.explicit());
        rest.keySet().removeAll(FLAGS);
        CephConfig options = CephConfig.of(rest);

        // 1. warm-up: JIT the GCM intrinsic and each mode's codec with realistic 4 KiB operations
        long warmStart = System.nanoTime();
        progress("warm-up: AES-GCM and frame codecs, " + WARMUP_OPERATIONS + " x 4 KiB each");
        MachineLimits.warmUpGcm(WARMUP_OPERATIONS);
        for (String m : modes) {
            FramePath fp = new FramePath(mode(m), 4096, options);
            for (int i = 0; i < WARMUP_OPERATIONS; i++) {
                fp.roundTrip();
            }
            fp.close();
        }
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        String warmWhat = String.format(Locale.ROOT, "JDK AES-GCM seal+open and each mode's frame seal+open, %,d x 4 KiB; then %.1f s of "
                + "traffic per run before its measurement", WARMUP_OPERATIONS, warmup);
        BenchReport report = new BenchReport("inkwire bench" + commandLine(), warmSeconds, warmWhat);

        // 2. the machine's limits, and each mode's frame path, per size
        for (int size : sizes) {
            progress("limits for " + BenchReport.sizeName(size) + ": CRC32C, AES-128-GCM, NIO loopback, frame paths");
            report.limits.put(size, MachineLimits.measure(size, limitSeconds));
            for (String m : modes) {
                FramePath fp = new FramePath(mode(m), size, options);
                report.framePath.computeIfAbsent(m, k -> new LinkedHashMap<>()).put(size, fp.measure(limitSeconds));
                fp.close();
            }
        }

        // 3. inkwire itself
        BenchWorkload workload = new BenchWorkload(ctx.providers, options, ctx.keyring(), ctx.entity);
        for (int size : sizes) {
            for (String m : modes) {
                for (String a : explicitAuths != null ? explicitAuths : List.of(mode(m).connectionSecretLength() > 0 ? "cephx" : "none")) {
                    BenchWorkload.Spec spec = new BenchWorkload.Spec(m, a, size, connections, inFlight, warmup, seconds, target);
                    report.results.add(workload.run(spec, this::progress));
                }
            }
        }
        progressDone();

        String plot = o.get("plot");
        if (plot != null) {
            writePlot(report, Path.of(plot), connections, inFlight);
            err.println("inkwire: wrote " + plot);
        }
        switch (format) {
            case "json" -> out.println(BenchJson.write(report.toJson(), false));
            case "json-pretty" -> out.println(BenchJson.write(report.toJson(), true));
            case "markdown" -> out.print(report.toMarkdown());
            default -> out.print(report.toPlain());
        }
        out.flush();
        return 0;
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder();
        ctx.args.commandFlags.forEach((k, v) -> sb.append(" --").append(k.replace('_', '-')).append(' ').append(v));
        ctx.args.options.forEach((k, v) -> {
            if (FLAGS.contains(k) && !k.equals("plot")) {
                sb.append(" --").append(k.replace('_', '-')).append(' ').append(v);
            }
        });
        return sb.toString();
    }

    private void writePlot(BenchReport report, Path file, int connections, int inFlight) throws java.io.IOException {
        List<ThroughputChart.Series> series = new ArrayList<>();
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44)};
        int c = 0;
        for (String mode : report.framePath.keySet()) {
            Map<Integer, Double> pts = new TreeMap<>();
            report.results.stream().filter(r -> r.spec().mode().equals(mode))
                    .forEach(r -> pts.putIfAbsent(r.spec().size(), r.megabytesPerSecond()));
            series.add(new ThroughputChart.Series("inkwire " + mode, colors[c++ % colors.length], false, pts));
        }
        Map<Integer, Double> nio = new TreeMap<>();
        Map<Integer, Double> gcm = new TreeMap<>();
        report.limits.forEach((size, f) -> {
            nio.put(size, f.nioLoopback() * 1e3);
            gcm.put(size, f.gcmSeal() * 1e3);
        });
        series.add(new ThroughputChart.Series("plain NIO loopback stream (limit)", Color.GRAY, true, nio));
        series.add(new ThroughputChart.Series("AES-128-GCM, one thread (limit for secure)", new Color(214, 39, 40), true, gcm));
        ThroughputChart.write(file, String.format("inkwire throughput vs message size (%d conn x %d in flight, one process, loopback)",
                connections, inFlight), series);
    }

    private ConnectionMode mode(String name) {
        return ctx.providers.modes.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new CliArgs.UsageException("no connection mode " + name));
    }

    private boolean progressOpen;

    private void progress(String line) {
        if (System.console() != null) {
            err.print("\r\033[K" + line);
            progressOpen = true;
        } else {
            err.println("inkwire: " + line);
        }
        err.flush();
    }

    private void progressDone() {
        if (progressOpen) {
            err.println();
        }
    }

    static List<Integer> sizes(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : list(s)) {
            String p = part.toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
            long mult = 1;
            if (p.endsWith("k")) {
                mult = 1024;
            } else if (p.endsWith("m")) {
                mult = 1024 * 1024;
            }
            if (mult > 1) {
                p = p.substring(0, p.length() - 1);
            }
            long v;
            try {
                v = Long.parseLong(p) * mult;
            } catch (NumberFormatException e) {
                throw new CliArgs.UsageException("bench --size takes sizes in bytes (or 4k, 4M), comma-separated: " + part);
            }
            if (v < 1 || v > 256L << 20) {
                throw new CliArgs.UsageException("bench --size " + part + ": between 1 byte and 256 MiB");
            }
            out.add((int) v);
        }
        out.sort(null);
        return out;
    }

    static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        if (out.isEmpty()) {
            throw new CliArgs.UsageException("bench: empty list '" + s + "'");
        }
        return out;
    }

    private static double positive(String flag, String v) {
        double d = nonNegative(flag, v);
        if (d <= 0) {
            throw new CliArgs.UsageException("bench --" + flag + " must be more than 0");
        }
        return d;
    }

    private static double nonNegative(String flag, String v) {
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || !Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("bench --" + flag + " takes a number, not '" + v + "'");
        }
    }

    private static EntityAddr targetAddr(String s) {
        for (EntityAddr a : EntityAddrVec.parse(s, AddrType.MSGR2).addrs()) {
            if (a.type() == AddrType.MSGR2) {
                return a;
            }
        }
        throw new CliArgs.UsageException("bench --target needs a v2: address, e.g. v2:127.0.0.1:3300");
    }
}
