package io.inkwire.rados.striper.internal;

import io.inkwire.rados.LeasedBytes;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.ObjectExtent;
import io.inkwire.rados.striper.StripeLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A striped object read into a stream one stripe unit at a time, up to {@code maxInFlight} pieces
 * requested ahead of the one being written out, in order; missing or short pieces are zeros up to
 * the object's size (sparse objects).
 */
final class StripedDownload {

    private record Piece(long length, CompletableFuture<LeasedBytes> data) {
    }

    private final RadosStriperImpl striper;
    private final String soid;
    private final StripeLayout layout;
    private final long size;
    private final int maxInFlight;

    StripedDownload(RadosStriperImpl striper, String soid, StripeLayout layout, long size, int maxInFlight) {
        this.striper = striper;
        this.soid = soid;
        this.layout = layout;
        this.size = size;
        this.maxInFlight = maxInFlight;
    }

    long run(OutputStream dst) throws RadosException, IOException, InterruptedException {
        ArrayDeque<Piece> ahead = new ArrayDeque<>();
        long next = 0;
        long written = 0;
        byte[] chunk = new byte[0]; // one stripe unit, reused: the pieces are written out one at a time
        try {
            while (written < size) {
                while (ahead.size() < maxInFlight && next < size) {
                    long n = Math.min(layout.stripeUnit() - next % layout.stripeUnit(), size - next);
                    ObjectExtent ex = layout.fileToExtents(next, n).get(0);
                    ahead.add(new Piece(n, striper.readPiece(soid, ex)));
                    next += n;
                }
                Piece p = ahead.poll();
                int len = (int) p.length();
                if (chunk.length < len) {
                    chunk = new byte[len];
                }
                try (LeasedBytes got = Rados.await(p.data())) {
                    ByteBuffer d = got.data();
                    int have = Math.min(len, d.remaining());
                    d.get(chunk, 0, have);
                    Arrays.fill(chunk, have, len, (byte) 0); // a short or missing piece: zeros up to the size
                }
                dst.write(chunk, 0, len);
                written += len;
            }
        } finally {
            // nothing left running past the unlock, and every receive buffer back in its pool
            for (Piece p : ahead) {
                p.data().handle((v, t) -> {
                    if (v != null) {
                        v.close();
                    }
                    return null;
                }).join();
            }
        }
        dst.flush();
        return written;
    }
}
