package io.inkwire.camel;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Objects of a Ceph pool (and namespace), through inkwire's pure-Java RADOS client: no librados,
 * no native code.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "inkwire-rados", title = "Ceph RADOS (inkwire)", syntax = "inkwire-rados:pool",
        category = { Category.CLOUD, Category.FILE }, headersClass = InkwireRadosConstants.class)
public class InkwireRadosEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "The pool the objects are in.")
    @Metadata(required = true)
    private String pool;

    @UriParam
    private InkwireRadosConfiguration configuration;

    private RadosClient client;

    public InkwireRadosEndpoint(String uri, InkwireRadosComponent component, String pool, InkwireRadosConfiguration configuration) {
        super(uri, component);
        this.pool = pool;
        this.configuration = configuration;
    }

    @Override
    public InkwireRadosComponent getComponent() {
        return (InkwireRadosComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new InkwireRadosProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.isWatch()) {
            if (configuration.getObjectName() == null || configuration.getObjectName().isEmpty()) {
                throw new IllegalArgumentException("watch=true needs objectName: the object to watch");
            }
            InkwireRadosWatchConsumer watcher = new InkwireRadosWatchConsumer(this, processor);
            configureConsumer(watcher);
            return watcher;
        }
        InkwireRadosConsumer consumer = new InkwireRadosConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = getComponent().acquire(configuration);
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client = null;
            getComponent().release(configuration);
        }
        super.doStop();
    }

    /** The pool's I/O context in {@code namespace}; ENOENT when the cluster has no such pool. */
    IoCtx ioCtx(String namespace) throws RadosException {
        RadosClient c = client;
        if (c == null) {
            throw new IllegalStateException("endpoint " + getEndpointUri() + " is not started");
        }
        return c.ioCtx(pool).withNamespace(namespace == null ? "" : namespace);
    }

    public String getPool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    public InkwireRadosConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InkwireRadosConfiguration configuration) {
        this.configuration = configuration;
    }
}
