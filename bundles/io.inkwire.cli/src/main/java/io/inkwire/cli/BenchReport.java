package io.inkwire.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one {@code bench} invocation measured, and the ways it is shown: a plain summary, a
 * JSON document ({@code -f json}), a markdown section ({@code -f markdown}), and the messenger
 * targets of issue 14 (and issue 8's secure ÷ crc) judged against the figures of this same run.
 */
final class BenchReport {

    static final int SIZE_4K = 4096;
    static final int SIZE_4M = 4 << 20;

    /** A target and how this run did against it; {@code value} is null when the run had no matching figure. */
    record Target(String name, String goal, Double value, Boolean met) {
    }

    final String command;
    final double warmupSeconds;
    final String warmupWhat;
    final Map<Integer, MachineLimits.Figures> limits = new LinkedHashMap<>();
    /** Frame path GB/s by mode, then size. */
    final Map<String, Map<Integer, Double>> framePath = new LinkedHashMap<>();
    final List<BenchWorkload.Result> results = new ArrayList<>();
    final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    BenchReport(String command, double warmupSeconds, String warmupWhat) {
        this.command = command;
        this.warmupSeconds = warmupSeconds;
        this.warmupWhat = warmupWhat;
    }

    // ------------------------------------------------------------ derived figures

    Optional<Double> framePath(String mode, int size) {
        return Optional.ofNullable(framePath.getOrDefault(mode, Map.of()).get(size));
    }

    /** The run's throughput over the plain NIO loopback stream of the same size. */
    double vsNio(BenchWorkload.Result r) {
        MachineLimits.Figures l = limits.get(r.spec().size());
        return l == null ? Double.NaN : r.megabytesPerSecond() / 1e3 / l.nioLoopback();
    }

    double vsCrc32c(BenchWorkload.Result r) {
        MachineLimits.Figures l = limits.get(r.spec().size());
        return l == null ? Double.NaN : r.megabytesPerSecond() / 1e3 / l.crc32c();
    }

    double vsGcm(BenchWorkload.Result r) {
        MachineLimits.Figures l = limits.get(r.spec().size());
        return l == null ? Double.NaN : r.megabytesPerSecond() / 1e3 / l.gcmSeal();
    }

    /** A secure run's throughput over the crc run of the same shape in this invocation. */
    Optional<Double> secureVsCrc(BenchWorkload.Result secure) {
        if (!secure.spec().mode().equals("secure")) {
            return Optional.empty();
        }
        return findAny("crc", secure.spec().size(), secure.spec().connections(), secure.spec().inFlight())
                .map(crc -> secure.megabytesPerSecond() / crc.megabytesPerSecond());
    }

    private Optional<BenchWorkload.Result> findAny(String mode, int size, int connections, Integer inFlight) {
        return results.stream().filter(r -> r.spec().target() == null && r.spec().mode().equals(mode) && r.spec().size() == size
                && r.spec().connections() == connections && (inFlight == null || r.spec().inFlight() == inFlight)).findFirst();
    }

    static double cpuSecondsPerGb(BenchWorkload.Result r) {
        return r.usage().cpuSeconds() / (r.messages() * (double) r.spec().size() / 1e9);
    }

    static double cpuSecondsPer1000(BenchWorkload.Result r) {
        return r.usage().cpuSeconds() / (r.messages() / 1000.0);
    }

    static double allocBytesPerMessage(BenchWorkload.Result r) {
        return r.usage().allocatedBytes() / (double) Math.max(1, r.messages());
    }

    /** Allocation per message over its payload: the 4 MiB target is a share of the payload. */
    static double allocShareOfPayload(BenchWorkload.Result r) {
        return allocBytesPerMessage(r) / r.spec().size();
    }

    /**
     * Issue 14's messenger targets. Allocation is judged as a whole: receive payloads land in pooled
     * arrays, so none of what is allocated is a copy of the payload (a figure "beyond the payload"
     * that subtracts one would read below zero).
     */
    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        Optional<BenchWorkload.Result> crc4m = findAny("crc", SIZE_4M, 1, null);
        Optional<BenchWorkload.Result> sec4m = findAny("secure", SIZE_4M, 1, null);
        Optional<BenchWorkload.Result> crc4k = findAny("crc", SIZE_4K, 1, 16);
        t.add(target("4 MiB, 1 connection: crc / plain NIO loopback", ">= 0.80", crc4m.map(this::vsNio), 0.80));
        Optional<Double> secVsCrc = sec4m.flatMap(s -> crc4m.map(c -> s.megabytesPerSecond() / c.megabytesPerSecond()));
        t.add(target("4 MiB, 1 connection: secure / crc (issue 8)", ">= 0.50", secVsCrc, 0.50));
        Optional<Double> fp = framePath("secure", SIZE_4M).flatMap(f -> Optional.ofNullable(limits.get(SIZE_4M))
                .map(l -> f / l.gcmSealOpen()));
        t.add(target("4 MiB: secure frame path / raw JDK GCM (seal + open)", ">= 0.80", fp, 0.80));
        // the NIO stream's 4 KiB messages/s over inkwire's: the same ratio as its MB/s, both moving 4 KiB per message
        t.add(target("4 KiB, 16 in flight, 1 connection: crc messages/s / NIO loopback's 4 KiB messages/s", ">= 0.90",
                crc4k.map(this::vsNio), 0.90));
        Optional<Double> alloc4k = crc4k.map(BenchReport::allocBytesPerMessage);
        t.add(new Target("4 KiB crc: allocation per message (bytes, both ends)", "< 512", alloc4k.orElse(null),
                alloc4k.map(a -> a < 512).orElse(null)));
        Optional<Double> alloc4m = crc4m.map(BenchReport::allocShareOfPayload);
        t.add(new Target("4 MiB crc: allocation per message / payload (both ends)", "< 0.001", alloc4m.orElse(null),
                alloc4m.map(a -> a < 0.001).orElse(null)));
        return t;
    }

    private static Target target(String name, String goal, Optional<Double> value, double atLeast) {
        return new Target(name, goal, value.orElse(null), value.map(v -> v >= atLeast).orElse(null));
    }

    // ------------------------------------------------------------ JSON

    Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("started", started.toString());
        root.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        Map<String, Object> warm = new LinkedHashMap<>();
        warm.put("seconds", warmupSeconds);
        warm.put("what", warmupWhat);
        root.put("warmup", warm);
        List<Object> lim = new ArrayList<>();
        for (MachineLimits.Figures f : limits.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("size", f.size());
            m.put("crc32c_gb_per_s", f.crc32c());
            m.put("aes128gcm_gb_per_s", f.gcmSeal());
            m.put("aes128gcm_seal_open_gb_per_s", f.gcmSealOpen());
            m.put("nio_loopback_gb_per_s", f.nioLoopback());
            Map<String, Object> fp = new LinkedHashMap<>();
            framePath.forEach((mode, bySize) -> {
                if (bySize.containsKey(f.size())) {
                    fp.put(mode, bySize.get(f.size()));
                }
            });
            m.put("frame_path_gb_per_s", fp);
            lim.add(m);
        }
        root.put("limits", lim);
        List<Object> runs = new ArrayList<>();
        for (BenchWorkload.Result r : results) {
            runs.add(runJson(r));
        }
        root.put("runs", runs);
        List<Object> tg = new ArrayList<>();
        for (Target t : targets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("goal", t.goal());
            m.put("value", t.value());
            m.put("met", t.met());
            tg.add(m);
        }
        root.put("targets", tg);
        return root;
    }

    private Map<String, Object> runJson(BenchWorkload.Result r) {
        BenchWorkload.Spec s = r.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", s.mode());
        m.put("auth", s.auth());
        m.put("size", s.size());
        m.put("connections", s.connections());
        m.put("in_flight", s.inFlight());
        m.put("target", s.target() == null ? "in-process" : s.target().toString());
        m.put("reply", r.echo() ? "echo" : "empty");
        m.put("negotiated", r.negotiated());
        m.put("warmup_seconds", s.warmupSeconds());
        m.put("seconds", r.seconds());
        m.put("messages", r.messages());
        m.put("messages_per_s", r.messagesPerSecond());
        m.put("mb_per_s", r.megabytesPerSecond());
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("samples", r.latency().count());
        lat.put("p50", r.latency().percentile(0.50) / 1e3);
        lat.put("p99", r.latency().percentile(0.99) / 1e3);
        lat.put("p99_9", r.latency().percentile(0.999) / 1e3);
        lat.put("max", r.latency().max() / 1e3);
        m.put("latency_us", lat);
        m.put("cpu_seconds", r.usage().cpuSeconds());
        m.put("cpu_s_per_gb", cpuSecondsPerGb(r));
        m.put("cpu_s_per_1000_messages", cpuSecondsPer1000(r));
        m.put("alloc_mb_per_s", r.usage().allocatedBytes() / r.seconds() / 1e6);
        m.put("alloc_bytes_per_message", allocBytesPerMessage(r));
        m.put("gc_count", r.usage().gcCount());
        m.put("gc_ms", r.usage().gcMillis());
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("vs_nio_loopback", vsNio(r));
        ratios.put("vs_crc32c", vsCrc32c(r));
        ratios.put("vs_aes128gcm", vsGcm(r));
        secureVsCrc(r).ifPresent(v -> ratios.put("secure_vs_crc", v));
        framePath(s.mode(), s.size()).ifPresent(f -> {
            MachineLimits.Figures l = limits.get(s.size());
            if (l != null) {
                ratios.put("frame_path_vs_limit", s.mode().equals("secure") ? f / l.gcmSealOpen() : f / l.crc32c());
            }
        });
        m.put("ratios", ratios);
        return m;
    }

    // ------------------------------------------------------------ plain text

    String toPlain() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("inkwire bench — %s, %d cpus; warm-up %.1f s (%s)%n", System.getProperty("java.vm.name") + " "
                + Runtime.version(), Runtime.getRuntime().availableProcessors(), warmupSeconds, warmupWhat));
        sb.append("limits (one thread; loopback: one connection, writes of the message size):\n");
        for (MachineLimits.Figures f : limits.values()) {
            sb.append(String.format("  %-8s CRC32C %6.2f GB/s  AES-128-GCM %5.2f GB/s (seal+open %5.2f)  NIO loopback %5.2f GB/s",
                    sizeName(f.size()), f.crc32c(), f.gcmSeal(), f.gcmSealOpen(), f.nioLoopback()));
            framePath.forEach((mode, bySize) -> {
                if (bySize.containsKey(f.size())) {
                    sb.append(String.format("  %s frame path %5.2f GB/s", mode, bySize.get(f.size())));
                }
            });
            sb.append('\n');
        }
        for (BenchWorkload.Result r : results) {
            BenchWorkload.Spec s = r.spec();
            sb.append(String.format("%s + %s, %s, %d conn x %d in flight%s: %,.0f msg/s, %,.1f MB/s%n", s.auth(), s.mode(),
                    sizeName(s.size()), s.connections(), s.inFlight(), s.target() == null ? "" : " to " + s.target() + " (echo)",
                    r.messagesPerSecond(), r.megabytesPerSecond()));
            sb.append(String.format("  round trip p50 %s  p99 %s  p99.9 %s  (%,d samples)%n", micros(r.latency().percentile(0.5)),
                    micros(r.latency().percentile(0.99)), micros(r.latency().percentile(0.999)), r.latency().count()));
            sb.append(String.format("  CPU %.2f s/GB, %.3f s per 1000 msgs; allocation %,.0f MB/s = %,.0f B/msg (%.3f %% of the payload); GC %d x, %d ms%n",
                    cpuSecondsPerGb(r), cpuSecondsPer1000(r), r.usage().allocatedBytes() / r.seconds() / 1e6, allocBytesPerMessage(r),
                    100 * allocShareOfPayload(r), r.usage().gcCount(), r.usage().gcMillis()));
            sb.append(String.format("  ratio to NIO loopback %.3f, to CRC32C %.3f, to AES-GCM %.3f", vsNio(r), vsCrc32c(r), vsGcm(r)));
            secureVsCrc(r).ifPresent(v -> sb.append(String.format(", to crc mode %.3f", v)));
            sb.append('\n');
        }
        sb.append("targets (issue 14):\n");
        for (Target t : targets()) {
            sb.append(String.format("  %-4s %s %s: %s%n", t.met() == null ? "n/a" : t.met() ? "MET" : "MISS", t.name(), t.goal(),
                    t.value() == null ? "not measured in this run" : BenchJson.figure(t.value())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------ markdown

    String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Measured %s with `%s` — %s, %d CPUs. Warm-up before measuring: %.1f s (%s).%n%n", started, command,
                System.getProperty("java.vm.name") + " " + Runtime.version(), Runtime.getRuntime().availableProcessors(),
                warmupSeconds, warmupWhat));
        sb.append("**inkwire** (connector and acceptor in one process on 127.0.0.1 unless a target is named; CPU and allocation "
                + "count both ends)\n\n");
        sb.append("| mode | auth | size | conns × in flight | msg/s | MB/s | RTT p50 µs | p99 µs | p99.9 µs | CPU s/GB | CPU s/1k msg "
                + "| alloc B/msg | ÷ NIO loopback | ÷ CRC32C | ÷ AES-GCM | secure ÷ crc |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchWorkload.Result r : results) {
            BenchWorkload.Spec s = r.spec();
            sb.append(String.format("| %s | %s | %s | %d × %d%s | %,.0f | %,.1f | %s | %s | %s | %.2f | %.3f | %,.0f | %.3f | %.4f | %.3f | %s |%n",
                    s.mode(), s.auth(), sizeName(s.size()), s.connections(), s.inFlight(), s.target() == null ? "" : " (echo " + s.target() + ")",
                    r.messagesPerSecond(), r.megabytesPerSecond(), num(r.latency().percentile(0.5) / 1e3),
                    num(r.latency().percentile(0.99) / 1e3), num(r.latency().percentile(0.999) / 1e3), cpuSecondsPerGb(r),
                    cpuSecondsPer1000(r), allocBytesPerMessage(r), vsNio(r), vsCrc32c(r), vsGcm(r),
                    secureVsCrc(r).map(v -> String.format("%.3f", v)).orElse("")));
        }
        sb.append("\n**Limits measured in the same run** (GB/s, one thread; the loopback stream is one blocking NIO connection "
                + "writing chunks of the message size; the frame path seals and opens one MESSAGE frame per message on one thread)\n\n");
        List<String> modes = new ArrayList<>(framePath.keySet());
        sb.append("| size | CRC32C | AES-128-GCM seal | GCM seal + open | NIO loopback |");
        modes.forEach(m -> sb.append(" ").append(m).append(" frame path |"));
        sb.append("\n|---:|---:|---:|---:|---:|");
        modes.forEach(m -> sb.append("---:|"));
        sb.append('\n');
        for (MachineLimits.Figures f : limits.values()) {
            sb.append(String.format("| %s | %.2f | %.2f | %.2f | %.2f |", sizeName(f.size()), f.crc32c(), f.gcmSeal(), f.gcmSealOpen(),
                    f.nioLoopback()));
            for (String m : modes) {
                Double v = framePath.get(m).get(f.size());
                sb.append(v == null ? " |" : String.format(" %.2f |", v));
            }
            sb.append('\n');
        }
        sb.append("\n**Targets of issue 14, judged on this run**\n\n| target | goal | measured | |\n|---|---|---:|---|\n");
        for (Target t : targets()) {
            sb.append(String.format("| %s | %s | %s | %s |%n", t.name(), t.goal(), t.value() == null ? "—" : BenchJson.figure(t.value()),
                    t.met() == null ? "not measured" : t.met() ? "met" : "**missed**"));
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }

    private static String micros(long nanos) {
        return nanos >= 10_000_000 ? String.format("%,.1f ms", nanos / 1e6) : String.format("%,.0f µs", nanos / 1e3);
    }

    static String sizeName(int size) {
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return (size >> 20) + " MiB";
        }
        if (size >= 1024 && size % 1024 == 0) {
            return (size >> 10) + " KiB";
        }
        return size + " B";
    }
}
