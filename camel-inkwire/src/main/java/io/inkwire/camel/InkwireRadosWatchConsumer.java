package io.inkwire.camel;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Notification;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.Watch;
import io.inkwire.rados.WatchCallback;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one object ({@code watch=true}): every notify on it becomes an InOut exchange whose body
 * is the notify's payload, and the body the route leaves is sent back as the ack payload, which the
 * notifier receives among the watchers' replies. Notifications are processed one at a time, in the
 * order they arrived, on a thread of this consumer (never on the client's callback thread). A route
 * that fails does not ack: the notifier counts this watcher among those that timed out. The client
 * keeps the watch up across OSD session resets and re-registers it when the OSD lost it; what it
 * reports meanwhile goes to the consumer's exception handler.
 */
public class InkwireRadosWatchConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(InkwireRadosWatchConsumer.class);

    private ExecutorService executor;
    private volatile Watch watch;

    public InkwireRadosWatchConsumer(InkwireRadosEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public InkwireRadosEndpoint getEndpoint() {
        return (InkwireRadosEndpoint) super.getEndpoint();
    }

    private InkwireRadosConfiguration config() {
        return getEndpoint().getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "InkwireRadosWatch");
        String ns = config().getNamespace();
        String oid = config().getObjectName();
        int timeout = config().getWatchTimeout();
        try {
            IoCtx io = getEndpoint().ioCtx(ns);
            watch = Rados.await(io.watch(oid, timeout == 0 ? null : Duration.ofSeconds(timeout), new Callback()));
        } catch (RadosException e) {
            throw new InkwireRadosException("watch", getEndpoint().getPool(), ns, oid, e, null);
        }
    }

    @Override
    protected void doStop() throws Exception {
        Watch w = watch;
        watch = null;
        if (w != null) {
            try {
                Rados.await(w.unwatch());
            } catch (RadosException e) {
                LOG.warn("unwatch {}/{}: {}", getEndpoint().getPool(), w.oid(), e.getMessage());
            }
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            executor = null;
        }
        super.doStop();
    }

    /** The watch's cookie while it is registered (as {@code rados listwatchers} shows it), else 0. */
    public long getCookie() {
        Watch w = watch;
        return w == null ? 0 : w.cookie();
    }

    private final class Callback implements WatchCallback {
        @Override
        public void onNotify(Watch w, Notification n) {
            ExecutorService ex = executor;
            if (ex != null && !ex.isShutdown()) {
                ex.execute(() -> process(w, n));
            }
        }

        @Override
        public void onError(Watch w, RadosException error) {
            getExceptionHandler().handleException("watch on " + getEndpoint().getPool() + "/" + w.oid() + " is lost or in doubt",
                    new InkwireRadosException("watch", getEndpoint().getPool(), config().getNamespace(), w.oid(), error, null));
        }
    }

    private void process(Watch w, Notification n) {
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        Message in = exchange.getIn();
        in.setBody(bytes(n.payload()));
        in.setHeader(InkwireRadosConstants.OBJECT_NAME, w.oid());
        in.setHeader(InkwireRadosConstants.NAMESPACE, config().getNamespace());
        in.setHeader(InkwireRadosConstants.POOL, getEndpoint().getPool());
        in.setHeader(InkwireRadosConstants.NOTIFY_ID, n.notifyId());
        in.setHeader(InkwireRadosConstants.NOTIFIER_ID, n.notifierGid());
        in.setHeader(InkwireRadosConstants.WATCH_COOKIE, n.cookie());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("processing notify " + n.notifyId() + " on " + getEndpoint().getPool() + "/"
                        + w.oid() + " (not acked)", exchange, exchange.getException());
                return;
            }
            byte[] reply = Bodies.boundedBytes(exchange, exchange.getMessage().getBody(), config().getChunkSize(), "the ack payload");
            w.ack(n, ByteBuffer.wrap(reply)).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("ack of notify {} on {}/{}: {}", n.notifyId(), getEndpoint().getPool(), w.oid(), Rados.unwrap(e).getMessage());
                }
            });
        } catch (Exception e) {
            getExceptionHandler().handleException("acking notify " + n.notifyId() + " on " + getEndpoint().getPool() + "/" + w.oid(),
                    exchange, e);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        return ObjectReader.bytes(b);
    }
}
