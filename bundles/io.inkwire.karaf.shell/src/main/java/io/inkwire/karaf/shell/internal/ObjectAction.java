package io.inkwire.karaf.shell.internal;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.tool.RadosTool;
import io.inkwire.rados.tool.RadosToolException;
import org.apache.karaf.shell.api.action.Option;

/** The commands on a pool's objects: {@code -N} names the namespace, as for {@code rados}. */
abstract class ObjectAction extends RadosAction {

    @Option(name = "-N", aliases = "--namespace", description = "the namespace in the pool (default: the default namespace)")
    String namespace = "";

    IoCtx io(RadosClients.Lease lease, String pool) throws RadosToolException {
        return RadosTool.openPool(lease.client(), pool).withNamespace(namespace);
    }
}
