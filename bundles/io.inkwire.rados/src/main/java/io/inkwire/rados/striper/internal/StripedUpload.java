package io.inkwire.rados.striper.internal;

import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.ObjectExtent;
import io.inkwire.rados.striper.StripeLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stream written into an opened striped object one stripe unit at a time: each piece lies in one
 * object, its size raised on the first object before the piece is sent (as libradosstriper raises
 * it before a write), at most {@code maxInFlight} pieces sent and not yet acknowledged. Memory is
 * {@code (maxInFlight + 1) * stripe unit}, whatever the stream's length.
 */
final class StripedUpload {

    private final RadosStriperImpl striper;
    private final String soid;
    private final StripeLayout layout;
    private final int maxInFlight;
    private final Semaphore room;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    StripedUpload(RadosStriperImpl striper, String soid, StripeLayout layout, int maxInFlight) {
        this.striper = striper;
        this.soid = soid;
        this.layout = layout;
        this.maxInFlight = maxInFlight;
        this.room = new Semaphore(maxInFlight);
    }

    long run(InputStream src) throws RadosException, IOException, InterruptedException {
        long at = 0;
        try {
            while (failure.get() == null) {
                byte[] buf = new byte[layout.stripeUnit()];
                int n = src.readNBytes(buf, 0, buf.length);
                if (n == 0) {
                    break;
                }
                Rados.await(striper.raiseSize(soid, at + n));
                ObjectExtent ex = layout.fileToExtents(at, n).get(0);
                room.acquire();
                striper.ioCtx().write(StripeLayout.objectName(soid, ex.objectNo()), ByteBuffer.wrap(buf, 0, n), ex.offset())
                        .whenComplete((v, t) -> {
                            if (t != null) {
                                failure.compareAndSet(null, t);
                            }
                            room.release();
                        });
                at += n;
                if (n < buf.length) {
                    break;
                }
            }
        } finally {
            // every piece sent has completed before the lock goes
            room.acquire(maxInFlight);
            room.release(maxInFlight);
        }
        Throwable t = failure.get();
        if (t != null) {
            throw Rados.unwrap(t);
        }
        return at;
    }
}
