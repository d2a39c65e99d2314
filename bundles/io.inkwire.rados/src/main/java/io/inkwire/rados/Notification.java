package io.inkwire.rados;

import java.nio.ByteBuffer;

/**
 * A notification that reached a {@link Watch} ({@code WatchCtx2::handle_notify}'s arguments in
 * librados): answer it with {@link Watch#ack}, or the notifier counts this watcher as timed out.
 *
 * @param notifyId the OSD's id of this notification
 * @param cookie the watch's cookie
 * @param notifierGid the global id of the client that sent it
 * @param payload what the notifier sent (a copy, the caller's to keep)
 */
public record Notification(long notifyId, long cookie, long notifierGid, ByteBuffer payload) {

    public Notification {
        payload = payload.asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }
}
