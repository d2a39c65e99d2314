package io.inkwire.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The thread that prints {@code rados bench}'s line a second and samples bandwidth and IOPS
 * ({@code ObjBencher::status_printer}, {@code src/common/obj_bencher.cc}): a header every 20
 * lines, preceded after the first by the run's min/max/avg latency; a line with the ops in
 * flight, started and finished, the average and the last second's MB/s and the last and average
 * latency, or {@code 0} and {@code -} for a second in which nothing finished; with {@code -f json}
 * one entry of the {@code datas} array instead. It sleeps a whole second between lines, as Ceph's
 * does, and notices the end of the run only when it wakes.
 */
final class BenchStatusPrinter implements Runnable {

    private static final double MIB = 1024 * 1024;
    /** {@code utime_t::localtime}. */
    private static final DateTimeFormatter LOCALTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx")
            .withZone(ZoneId.systemDefault());
    static final String HEADER = CppFormat.right("sec", 5) + CppFormat.right("Cur ops", 8) + CppFormat.right("started", 10)
            + CppFormat.right("finished", 10) + CppFormat.right("avg MB/s", 10) + CppFormat.right("cur MB/s", 10)
            + CppFormat.right("last lat(s)", 12) + CppFormat.right("avg lat(s)", 12);

    private final BenchData data;
    private final PrintStream out;
    private final CephJsonStream json;
    private final Thread thread;

    BenchStatusPrinter(BenchData data, PrintStream out, CephJsonStream json, String name) {
        this.data = data;
        this.out = out;
        this.json = json;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits for the printer to notice the end (up to a second, as {@code pthread_join} in Ceph). */
    void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void run() {
        int i = 0;
        int previousFinished = 0;
        int cyclesSinceChange = 0;
        int iops = 0;
        if (json != null) {
            synchronized (data) {
                json.openArray("datas");
            }
        }
        while (true) {
            synchronized (data) {
                if (data.done) {
                    break;
                }
                long now = System.nanoTime();
                if (i % 20 == 0 && json == null) {
                    if (i > 0) {
                        out.println(LOCALTIME.format(Instant.now()) + " min lat: " + CppFormat.g(data.minLatency) + " max lat: "
                                + CppFormat.g(data.maxLatency) + " avg lat: " + CppFormat.g(data.avgLatency));
                    }
                    out.println(HEADER);
                }
                double bandwidth = cyclesSinceChange != 0
                        ? (double) (data.finished - previousFinished) * data.opSize / MIB / cyclesSinceChange : -1;
                data.bandwidthSample(bandwidth);
                iops = cyclesSinceChange != 0 ? (int) ((double) (data.finished - previousFinished) / cyclesSinceChange) : -1;
                data.iopsSample(iops);
                double avgBandwidth = data.opSize * (double) data.finished / data.elapsed(now) / MIB;
                boolean changed = previousFinished != data.finished;
                if (changed) {
                    previousFinished = data.finished;
                    cyclesSinceChange = 0;
                }
                if (json == null) {
                    out.println(CppFormat.right(String.valueOf(i), 5) + ' ' + CppFormat.right(String.valueOf(data.inFlight), 7) + ' '
                            + CppFormat.right(String.valueOf(data.started), 9) + ' ' + CppFormat.right(String.valueOf(data.finished), 9) + ' '
                            + CppFormat.right(CppFormat.g(avgBandwidth), 9) + ' '
                            + CppFormat.right(changed ? CppFormat.g(bandwidth) : "0", 9) + ' '
                            + CppFormat.right(changed ? CppFormat.g(data.curLatency) : "-", 11) + ' '
                            + CppFormat.right(CppFormat.g(data.avgLatency), 11));
                } else {
                    json.openObject("data")
                            .string("sec", String.valueOf(i))
                            .string("cur_ops", String.valueOf(data.inFlight))
                            .string("started", String.valueOf(data.started))
                            .string("finished", String.valueOf(data.finished))
                            .string("avg_bw", CppFormat.f(avgBandwidth))
                            .string("cur_bw", CppFormat.f(changed ? bandwidth : 0))
                            .string("last_lat", CppFormat.f(changed ? data.curLatency : 0))
                            .string("avg_lat", CppFormat.f(data.avgLatency))
                            .close()
                            .flush(out);
                }
                i++;
                cyclesSinceChange++;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (data) {
            if (json != null) {
                json.close(); // datas; written with the summary
            }
            if (iops < 0) {
                data.iopsFromRun(System.nanoTime());
            }
        }
    }
}
