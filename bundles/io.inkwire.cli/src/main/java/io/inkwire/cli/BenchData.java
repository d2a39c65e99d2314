package io.inkwire.cli;

/**
 * What a running {@code rados bench} counts, as {@code bench_data} and
 * {@code bench_interval_data} in {@code src/common/obj_bencher.h}: ops started, finished and in
 * flight, per-op latency (last, min, max, mean and a running variance), and the per-second
 * bandwidth and IOPS samples the status printer takes (min, max, running mean and variance).
 * Besides Ceph's figures it keeps a latency histogram for percentiles. Every access holds this
 * object's monitor: the driving thread updates, the status printer reads.
 */
final class BenchData {

    private static final double MIB = 1024 * 1024;

    final long opSize;
    final long objectSize;
    long startNanos;
    boolean done;

    int started;
    int finished;
    int inFlight;

    double curLatency;
    /** "this better be higher than initial latency!" (obj_bencher.cc) */
    double minLatency = 9999.0;
    double maxLatency;
    double avgLatency;
    private double totalLatency;
    private double latencyDiffSum;

    double minBandwidth = Double.MAX_VALUE;
    double maxBandwidth;
    private double avgBandwidth;
    private int bandwidthCycles;
    private double bandwidthDiffSum;
    int minIops = Integer.MAX_VALUE;
    int maxIops;
    private double avgIops;
    private int iopsCycles;
    private double iopsDiffSum;

    private final LatencyHistogram histogram = new LatencyHistogram();

    BenchData(long opSize, long objectSize) {
        this.opSize = opSize;
        this.objectSize = objectSize;
    }

    synchronized void begin() {
        startNanos = System.nanoTime();
    }

    synchronized void started() {
        started++;
        inFlight++;
    }

    /** An op finished after {@code seconds}: the running figures obj_bencher keeps after each completion. */
    synchronized void finished(double seconds) {
        curLatency = seconds;
        totalLatency += seconds;
        maxLatency = Math.max(maxLatency, seconds);
        minLatency = Math.min(minLatency, seconds);
        finished++;
        double delta = seconds - avgLatency;
        avgLatency = totalLatency / finished;
        latencyDiffSum += delta * (seconds - avgLatency);
        inFlight--;
        histogram.record(Math.round(seconds * 1e9));
    }

    synchronized void done() {
        done = true;
    }

    synchronized boolean isDone() {
        return done;
    }

    synchronized double elapsed(long nowNanos) {
        return (nowNanos - startNanos) / 1e9;
    }

    /** One second's bandwidth sample (MB/s); negative ones are not samples (status_printer). */
    synchronized void bandwidthSample(double bandwidth) {
        if (Double.isNaN(bandwidth) || bandwidth <= -1) {
            return;
        }
        maxBandwidth = Math.max(maxBandwidth, bandwidth);
        minBandwidth = Math.min(minBandwidth, bandwidth);
        bandwidthCycles++;
        double delta = bandwidth - avgBandwidth;
        avgBandwidth += delta / bandwidthCycles;
        bandwidthDiffSum += delta * (bandwidth - avgBandwidth);
    }

    synchronized void iopsSample(int iops) {
        if (iops <= -1) {
            return;
        }
        maxIops = Math.max(maxIops, iops);
        minIops = Math.min(minIops, iops);
        iopsCycles++;
        double delta = iops - avgIops;
        avgIops += delta / iopsCycles;
        iopsDiffSum += delta * (iops - avgIops);
    }

    /** When the printer took no sample at all (a run under a second), min and max IOPS are the run's average. */
    synchronized void iopsFromRun(long nowNanos) {
        minIops = maxIops = (int) (finished / elapsed(nowNanos));
    }

    synchronized double bandwidthStddev() {
        return bandwidthCycles > 1 ? Math.sqrt(bandwidthDiffSum / (bandwidthCycles - 1)) : 0;
    }

    synchronized double iopsStddev() {
        return iopsCycles > 1 ? Math.sqrt(iopsDiffSum / (iopsCycles - 1)) : 0;
    }

    synchronized double latencyStddev() {
        return finished > 1 ? Math.sqrt(latencyDiffSum / (finished - 1)) : 0;
    }

    /** MB/s over {@code seconds} for {@code ops} ops, as obj_bencher reckons it (MiB). */
    double bandwidth(long ops, double seconds) {
        return ops * (double) opSize / seconds / MIB;
    }

    /** The latency at quantile {@code q}, seconds (within 1.6 %, see {@link LatencyHistogram}). */
    synchronized double latencyPercentile(double q) {
        return histogram.percentile(q) / 1e9;
    }
}
