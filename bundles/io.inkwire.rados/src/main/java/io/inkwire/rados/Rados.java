package io.inkwire.rados;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.rados.internal.Objecter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Entry points: connecting a {@link RadosClient}, and waiting for an operation. */
public final class Rados {

    private Rados() {
    }

    /**
     * Connects to the cluster: a monitor session (hunting through {@code mons} for at most
     * {@code mountTimeout}, {@code client_mount_timeout}), then the first OSDMap. The options of
     * {@code config} that Ceph's client reads apply: {@code rados_osd_op_timeout},
     * {@code rados_mon_op_timeout}, {@code objecter_inflight_ops},
     * {@code objecter_inflight_op_bytes}, {@code ms_client_mode}, …
     */
    public static RadosClient connect(MessengerFactory transport, MessengerConfig config, List<EntityAddrVec> mons, Duration mountTimeout)
            throws IOException, TimeoutException, InterruptedException {
        return Objecter.connect(transport, config, mons, mountTimeout);
    }

    /**
     * Waits for an operation; a failure comes out as the {@link RadosException} it carries.
     *
     * @throws RadosException the operation failed (ECANCELED when it was cancelled)
     */
    public static <T> T await(CompletionStage<T> stage) throws RadosException, InterruptedException {
        try {
            return stage.toCompletableFuture().get();
        } catch (CancellationException e) {
            throw new RadosException(125, null, null, null, "cancelled");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** The RadosException behind a stage's failure. */
    public static RadosException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RadosException r) {
            return r;
        }
        RadosException r = new RadosException(5, null, null, null, String.valueOf(t.getMessage()));
        r.initCause(t);
        return r;
    }
}
