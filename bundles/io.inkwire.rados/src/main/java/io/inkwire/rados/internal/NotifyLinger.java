package io.inkwire.rados.internal;

import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.MWatchNotify;
import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.rados.CompoundOp;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.ReadOp;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A notify: the linger {@code IoCtx.notify} registers ({@code linger_notify}). Its NOTIFY op gets the
 * notify id; the watchers' replies come later in an {@link MWatchNotify} NOTIFY_COMPLETE carrying this
 * linger's cookie, and end it ({@code handle_watch_notify}). Moved to another OSD before that, it is
 * sent again, a new notification, as Ceph's client does.
 */
final class NotifyLinger extends Linger {

    private static final int ETIMEDOUT = 110;

    private final ByteBuffer payload;
    private final long timeoutSeconds;
    final CompletableFuture<NotifyResult> result = new CompletableFuture<>();
    /** The OSD's id of the notification, 0 until the NOTIFY op's answer. */
    private long notifyId;
    private OpSlot<Long> idSlot;

    NotifyLinger(LingerOps owner, long id, IoCtx io, String oid, ByteBuffer payload, long timeoutSeconds) {
        super(owner, id, io, oid);
        this.payload = payload;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    boolean write() {
        return false;
    }

    @Override
    CompoundOp registrationOp() {
        notifyId = 0;
        ReadOp op = new ReadOp();
        idSlot = op.notify(id, timeoutSeconds, payload.duplicate());
        return op;
    }

    @Override
    void registered(CompoundOp op, long sentNanos, OperationResult r, Throwable failure, List<Runnable> done) {
        if (failure != null) {
            end(done, Rados.unwrap(failure));
            return;
        }
        try {
            notifyId = idSlot.get();
        } catch (RuntimeException e) {
            end(done, new RadosException(5, io.pool(), io.namespace(), oid, "notify reply: " + e.getMessage()));
        }
    }

    /** The NOTIFY_COMPLETE of this notify (or of the one it replaced, which is ignored). Under the lock. */
    void completed(MWatchNotify m, List<Runnable> done) {
        if (notifyId != 0 && notifyId != m.notifyId()) {
            return; // the completion of a notify this one was sent again over
        }
        canceled = true;
        owner.remove(this);
        int rc = m.returnCode();
        if (rc != 0 && rc != -ETIMEDOUT) {
            RadosException e = new RadosException(rc, io.pool(), io.namespace(), oid, null);
            done.add(() -> result.completeExceptionally(e));
            return;
        }
        NotifyResult replies;
        try {
            replies = NotifyResult.decode(LingerOps.copy(m.data()));
        } catch (MessageDecodeException e) {
            RadosException ex = new RadosException(5, io.pool(), io.namespace(), oid, "notify result: " + e.getMessage());
            done.add(() -> result.completeExceptionally(ex));
            return;
        }
        done.add(() -> result.complete(replies));
    }

    @Override
    void poolGone(List<Runnable> done) {
        // the NOTIFY op in flight ends with ENOENT; one answered already waits for a completion that will not come
        if (idle()) {
            end(done, new RadosException(2, io.pool(), io.namespace(), oid, "pool " + io.pool() + " was deleted"));
        }
    }

    void shutdown(List<Runnable> done) {
        end(done, new RadosException(108, io.pool(), io.namespace(), oid, "client shut down"));
    }

    private void end(List<Runnable> done, RadosException e) {
        canceled = true;
        owner.remove(this);
        done.add(() -> result.completeExceptionally(e));
    }
}
