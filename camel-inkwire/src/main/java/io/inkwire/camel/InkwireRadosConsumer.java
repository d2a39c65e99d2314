package io.inkwire.camel;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ListCursor;
import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectPage;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a pool's listing (one namespace) and hands each object to the route as one exchange,
 * then deletes or moves it, as Camel's file and S3 consumers do. Objects are read one at a time
 * right before the route runs (stat and first chunk in one request, larger objects streamed),
 * so a batch of large objects needs one chunk of memory, not a batch of them.
 *
 * <p>Each poll resumes the listing where the previous one stopped (wrapping to the start once at
 * the end), so objects that keep failing do not starve the rest. An object is skipped while an
 * exchange for it is in flight, when the idempotent repository holds its key, when its name
 * lacks the {@code prefix}, and when it is a moved object ({@code destinationPrefix} in the same
 * namespace). An object that vanished between listing and reading is skipped silently.
 */
public class InkwireRadosConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(InkwireRadosConsumer.class);

    /** Entries asked for per listing round trip. */
    private static final int LIST_PAGE = 1000;
    private static final int ENOENT = 2;
    private static final int ERANGE = 34;
    private static final int EOVERFLOW = 75;

    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    /** Where the next poll's listing starts. */
    private volatile ListCursor resume = ListCursor.START;

    public InkwireRadosConsumer(InkwireRadosEndpoint endpoint, Processor processor) {
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
        // a file-based repository loads what it holds when started, as Camel's file consumer starts it
        ServiceHelper.startService(config().getIdempotentRepository());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        ServiceHelper.stopService(config().getIdempotentRepository());
    }

    @Override
    protected int poll() throws Exception {
        String ns = config().getNamespace();
        IoCtx io;
        try {
            io = getEndpoint().ioCtx(ns);
        } catch (RadosException e) {
            throw new InkwireRadosException("poll", getEndpoint().getPool(), ns, null, e, null);
        }
        int max = getMaxMessagesPerPoll() > 0 ? getMaxMessagesPerPoll() : Integer.MAX_VALUE;
        Queue<Object> batch = new ArrayDeque<>();
        Set<String> taken = new HashSet<>();
        ListCursor from = resume;
        boolean wrapped = from.equals(ListCursor.START);
        while (true) {
            ObjectPage page;
            try {
                page = Rados.await(io.list(from, LIST_PAGE));
            } catch (RadosException e) {
                throw new InkwireRadosException("poll", getEndpoint().getPool(), ns, null, e, null);
            }
            boolean full = false;
            for (ObjectEntry entry : page.entries()) {
                if (batch.size() >= max) {
                    full = true;
                    break;
                }
                String name = entry.name();
                if (accepts(name) && !taken.contains(name) && inProgress.add(name)) {
                    taken.add(name);
                    batch.add(exchange(name));
                }
            }
            if (full) {
                resume = from; // this page again next time: what was taken from it is in flight, done or skipped
                break;
            }
            if (page.next().isPresent()) {
                from = page.next().get();
                resume = from;
            } else if (!wrapped) {
                from = ListCursor.START;
                wrapped = true;
            } else {
                resume = ListCursor.START;
                break;
            }
        }
        return processBatch(batch);
    }

    private boolean accepts(String name) {
        InkwireRadosConfiguration c = config();
        if (c.getPrefix() != null && !name.startsWith(c.getPrefix())) {
            return false;
        }
        if (c.isMoveAfterRead() && movesWithinNamespace() && name.startsWith(c.getDestinationPrefix())) {
            return false; // an object this consumer moved here
        }
        IdempotentRepository repo = c.getIdempotentRepository();
        return repo == null || !repo.contains(key(name));
    }

    private boolean movesWithinNamespace() {
        InkwireRadosConfiguration c = config();
        return c.getDestinationNamespace() == null || c.getDestinationNamespace().equals(c.getNamespace());
    }

    private Exchange exchange(String name) {
        Exchange exchange = createExchange(true);
        Message in = exchange.getIn();
        in.setHeader(InkwireRadosConstants.OBJECT_NAME, name);
        in.setHeader(InkwireRadosConstants.NAMESPACE, config().getNamespace());
        in.setHeader(InkwireRadosConstants.POOL, getEndpoint().getPool());
        return exchange;
    }

    /** The idempotent repository's key of an object: POOL/NAMESPACE/NAME. */
    String key(String name) {
        return getEndpoint().getPool() + "/" + config().getNamespace() + "/" + name;
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        for (int index = 0; index < total; index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            String name = exchange.getIn().getHeader(InkwireRadosConstants.OBJECT_NAME, String.class);
            if (!isBatchAllowed()) {
                inProgress.remove(name);
                releaseExchange(exchange, false);
                continue;
            }
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            processObject(exchange, name);
        }
        return total;
    }

    private void processObject(Exchange exchange, String name) {
        IdempotentRepository repo = config().getIdempotentRepository();
        String key = key(name);
        if (repo != null && !repo.add(exchange, key)) {
            inProgress.remove(name); // another consumer sharing the repository took it meanwhile
            releaseExchange(exchange, false);
            return;
        }
        ObjectContent content;
        IoCtx io;
        try {
            io = getEndpoint().ioCtx(config().getNamespace());
            content = ObjectReader.read(io, name, config().getChunkSize(), config().isIncludeBody());
        } catch (RadosException e) {
            done(exchange, name, false);
            if (e.errno() != ENOENT) {
                getExceptionHandler().handleException("cannot read " + getEndpoint().getPool() + "/" + name,
                        new InkwireRadosException("get", getEndpoint().getPool(), config().getNamespace(), name, e, exchange));
            }
            releaseExchange(exchange, false);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done(exchange, name, false);
            releaseExchange(exchange, false);
            return;
        }
        Message in = exchange.getIn();
        in.setBody(content.body());
        InkwireRadosProducer.objectHeaders(in, content);
        exchange.getExchangeExtension().addOnCompletion(new Synchronization() {
            @Override
            public void onComplete(Exchange e) {
                afterProcessing(io, name, content.version());
                done(e, name, true);
            }

            @Override
            public void onFailure(Exchange e) {
                done(e, name, false);
            }
        });
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("error processing " + getEndpoint().getPool() + "/" + name, exchange,
                    exchange.getException());
        }
    }

    /** Deletes or moves the object the route has processed; one that changed meanwhile stays. */
    private void afterProcessing(IoCtx io, String name, long version) {
        InkwireRadosConfiguration c = config();
        try {
            if (c.isMoveAfterRead()) {
                String ns = c.getDestinationNamespace() != null ? c.getDestinationNamespace() : c.getNamespace();
                String target = (c.getDestinationPrefix() != null ? c.getDestinationPrefix() : "") + name;
                ObjectMover.move(io, name, version, getEndpoint().ioCtx(ns), target, c.getChunkSize());
            } else if (c.isDeleteAfterRead()) {
                ObjectMover.remove(io, name, version);
            }
        } catch (RadosException e) {
            if (e.errno() == ERANGE || e.errno() == EOVERFLOW) {
                LOG.warn("{}/{} changed while the route processed it: left in place", getEndpoint().getPool(), name);
            } else if (e.errno() != ENOENT) {
                getExceptionHandler().handleException("cannot " + (c.isMoveAfterRead() ? "move " : "delete ") + getEndpoint().getPool()
                        + "/" + name, new InkwireRadosException(c.isMoveAfterRead() ? "move" : "delete", getEndpoint().getPool(),
                                c.getNamespace(), name, e, null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The object is no longer in flight; its key stays in the repository only when the route succeeded. */
    private void done(Exchange exchange, String name, boolean success) {
        IdempotentRepository repo = config().getIdempotentRepository();
        if (repo != null) {
            if (success) {
                repo.confirm(exchange, key(name));
            } else {
                repo.remove(exchange, key(name));
            }
        }
        inProgress.remove(name);
    }
}
