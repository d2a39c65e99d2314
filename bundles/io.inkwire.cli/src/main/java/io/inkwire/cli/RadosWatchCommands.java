package io.inkwire.cli;

import io.inkwire.api.Errno;
import io.inkwire.api.addr.AddrType;
import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.codec.osd.WatchersResponse;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Notification;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.Watch;
import io.inkwire.rados.WatchCallback;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code rados watch OBJ}, {@code notify OBJ MESSAGE} and {@code listwatchers OBJ} as Ceph's
 * {@code rados} does them ({@code RadosWatchCtx} and the {@code watch}/{@code notify}/
 * {@code listwatchers} branches of {@code src/tools/rados/rados.cc}): the same lines on stdout and
 * stderr, and exit status 1 on any failure.
 */
final class RadosWatchCommands {

    /** {@code rados notify} waits 10 s for the watchers ({@code notify2(oid, bl, 10000, ...)}). */
    static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    RadosWatchCommands(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    /**
     * Watches until a line (or the end) on stdin: each notification printed with its payload's
     * hexdump and acknowledged with that payload, each error printed; then unwatches.
     */
    int watch(IoCtx io, String oid) throws Exception {
        Watch w;
        try {
            w = Rados.await(io.watch(oid, new Printer()));
        } catch (RadosException e) {
            err.println("error calling watch: " + e.error().cephStyle());
            return failed(e.errno());
        }
        synchronized (out) {
            out.println("press enter to exit...");
            out.flush();
        }
        waitForEnter();
        try {
            Rados.await(w.unwatch()); // the tool ignores what unwatch2 returns
        } catch (RadosException ignored) {
            // as rados does
        }
        return 0;
    }

    private void waitForEnter() throws IOException {
        in.read(); // getchar(): a key, or the end of the input
    }

    /** What {@code RadosWatchCtx} prints, and its ack: the notification's own payload back. */
    private final class Printer implements WatchCallback {
        @Override
        public void onNotify(Watch watch, Notification n) {
            synchronized (out) {
                out.println("NOTIFY cookie " + Long.toUnsignedString(n.cookie()) + " notify_id " + Long.toUnsignedString(n.notifyId())
                        + " from " + Long.toUnsignedString(n.notifierGid()));
                out.print(Hexdump.of(bytes(n.payload())));
                out.flush();
            }
            watch.ack(n, n.payload());
        }

        @Override
        public void onError(Watch watch, RadosException error) {
            synchronized (out) {
                out.println("ERROR cookie " + Long.toUnsignedString(watch.cookie()) + " err " + error.error().cephStyle());
                out.flush();
            }
        }
    }

    /**
     * Sends {@code message} encoded as a Ceph string ({@code encode(msg, bl)}), then prints each reply
     * and each watcher that timed out; a timeout is the tool's {@code error calling notify} and exit 1.
     */
    int notify(IoCtx io, String oid, String message) throws Exception {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bl = ByteBuffer.allocate(4 + m.length).order(ByteOrder.LITTLE_ENDIAN).putInt(m.length).put(m).flip();
        NotifyResult r;
        try {
            r = Rados.await(io.notify(oid, bl, NOTIFY_TIMEOUT));
        } catch (RadosException e) {
            err.println("error calling notify: " + e.error().cephStyle());
            return failed(e.errno());
        }
        int ret = 0;
        if (!r.missed().isEmpty()) {
            ret = Errno.ETIMEDOUT.number(); // notify2 returns -ETIMEDOUT and the replies
            err.println("error calling notify: " + Errno.ETIMEDOUT.cephStyle());
        }
        for (Map.Entry<NotifyResult.Watcher, ByteBuffer> e : r.acks().entrySet()) {
            byte[] reply = bytes(e.getValue());
            out.println("reply client." + Long.toUnsignedString(e.getKey().gid()) + " cookie " + Long.toUnsignedString(e.getKey().cookie())
                    + " : " + reply.length + " bytes");
            if (reply.length > 0) {
                out.print(Hexdump.of(reply));
            }
        }
        // decoded into a std::set by the tool: sorted, duplicates once
        List<NotifyResult.Watcher> missed = new ArrayList<>(new java.util.TreeSet<>(r.missed()));
        for (NotifyResult.Watcher w : missed) {
            out.println("timeout client." + Long.toUnsignedString(w.gid()) + " cookie " + Long.toUnsignedString(w.cookie()));
        }
        out.flush();
        return ret == 0 ? 0 : failed(ret);
    }

    /** {@code watcher=ADDR client.GID cookie=COOKIE} a watcher, the address in its legacy form. */
    int listWatchers(IoCtx io, String oid) throws Exception {
        List<WatchersResponse.Watcher> ws;
        try {
            ws = Rados.await(io.listWatchers(oid));
        } catch (RadosException e) {
            err.println("error listing watchers " + io.pool() + "/" + oid + ": " + e.error().cephStyle());
            return RadosCommand.FAILED;
        }
        for (WatchersResponse.Watcher w : ws) {
            out.println("watcher=" + w.addr().withType(AddrType.ANY) + " client." + w.entityNum() + " cookie="
                    + Long.toUnsignedString(w.cookie()));
        }
        out.flush();
        return 0;
    }

    /** The tool's last line for a negative result, {@code error 110: (110) Connection timed out}, and exit 1. */
    private int failed(int errno) {
        err.println("error " + Math.abs(errno) + ": " + Errno.of(errno).cephStyle());
        return RadosCommand.FAILED;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
