package io.inkwire.rados;

/**
 * What a {@link Watch} tells its owner, as librados's {@code WatchCtx2}. Both methods run on the
 * client's one callback thread, in the order the events happened, never while the client holds a
 * lock: a callback may block or call back into the client, though a slow one delays the next.
 */
public interface WatchCallback {

    /** A notification arrived; answer it with {@link Watch#ack} (now or later). */
    void onNotify(Watch watch, Notification notification);

    /**
     * The watch is lost or in doubt ({@code handle_error}): {@code ENOTCONN} when the OSD dropped it
     * (the object was deleted, the watch timed out on the OSD, the OSD lost it), {@code ETIMEDOUT} when
     * the OSD holds it but has lost the connection to us, or the error of a failed ping or reconnect.
     * Only the first error after the watch was healthy is told. The client goes on re-establishing
     * it (see {@link IoCtx#watch}); notifications sent meanwhile are missed.
     */
    default void onError(Watch watch, RadosException error) {
    }
}
