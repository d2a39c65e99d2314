package io.inkwire.rados;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A registered watch on one object ({@link IoCtx#watch}): librados's watch handle, kept alive by the
 * client (pinged, reconnected with the same cookie after a session reset or a PG move, re-registered
 * when the OSD lost it) until {@link #unwatch}. Thread-safe.
 */
public interface Watch extends AutoCloseable {

    /** The watched object. */
    String oid();

    /** The watch's cookie, as the OSD lists it ({@code rados listwatchers}) and notifications carry it. */
    long cookie();

    /**
     * {@code watch_check}: how long ago the OSD last confirmed the watch (a ping answered, or the
     * registration), counting a notification still waiting for its callback as unconfirmed.
     *
     * @throws RadosException the error that broke the watch, while it is not re-established
     */
    Duration check() throws RadosException;

    /** Answers a notification with {@code reply} ({@code notify_ack}); the notifier gets it among the replies. */
    CompletionStage<Void> ack(Notification notification, ByteBuffer reply);

    /** Removes the watch ({@code unwatch2}): no callback runs after this is called; the stage completes when the OSD has it. */
    CompletionStage<Void> unwatch();

    /** {@link #unwatch} without waiting for the OSD's answer. */
    @Override
    void close();
}
