package io.inkwire.camel;

import io.inkwire.rados.RadosClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code inkwire-rados} component: endpoints {@code inkwire-rados:POOL[?options]}. Clients it
 * connects itself (from conf/keyring/monHost/name) are shared by the endpoints that name the same
 * cluster the same way and closed when the last of them stops; a given {@code radosClient} is used
 * as it is and never closed.
 */
@Component("inkwire-rados")
public class InkwireRadosComponent extends DefaultComponent {

    @Metadata(description = "The options every endpoint starts from.")
    private InkwireRadosConfiguration configuration = new InkwireRadosConfiguration();

    private final SharedRadosClients clients = new SharedRadosClients(new RadosClientFactory(System.getenv()));

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("no pool in " + uri + ": expected inkwire-rados:POOL[?options]");
        }
        InkwireRadosConfiguration conf = configuration.copy();
        // ceph.NAME=VALUE (the multi-value option cephOptions), on top of the component's
        Map<String, Object> ceph = PropertiesHelper.extractProperties(parameters, "ceph.");
        if (!ceph.isEmpty()) {
            Map<String, Object> all = conf.getCephOptions() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(conf.getCephOptions());
            all.putAll(ceph);
            conf.setCephOptions(all);
        }
        InkwireRadosEndpoint endpoint = new InkwireRadosEndpoint(uri, this, remaining, conf);
        setProperties(endpoint, parameters);
        EndpointValidation.check(endpoint.getConfiguration());
        return endpoint;
    }

    /** The client an endpoint with this configuration uses: the given one, or a shared one connected from its settings. */
    RadosClient acquire(InkwireRadosConfiguration c) throws Exception {
        if (c.getRadosClient() != null) {
            return c.getRadosClient();
        }
        return clients.acquire(c.connectionSettings());
    }

    void release(InkwireRadosConfiguration c) {
        if (c.getRadosClient() == null) {
            clients.release(c.connectionSettings());
        }
    }

    @Override
    protected void doStop() throws Exception {
        clients.closeAll();
        super.doStop();
    }

    public InkwireRadosConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InkwireRadosConfiguration configuration) {
        this.configuration = configuration;
    }
}
