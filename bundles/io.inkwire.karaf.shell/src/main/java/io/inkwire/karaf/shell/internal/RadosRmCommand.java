package io.inkwire.karaf.shell.internal;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.tool.RadosTool;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inkwire:rados-rm POOL OBJ…}: as {@code rados -p POOL rm OBJ…}, stopping at the first failure. */
@Service
@Command(scope = "inkwire", name = "rados-rm", description = "Removes objects (rados rm)")
public final class RadosRmCommand extends ObjectAction implements Action {

    @Argument(index = 0, name = "pool", required = true, description = "the pool")
    String pool;

    @Argument(index = 1, name = "objects", required = true, multiValued = true, description = "the objects' names")
    List<String> objects;

    @Override
    public Object execute() throws Exception {
        try (RadosClients.Lease lease = lease()) {
            IoCtx io = io(lease, pool);
            for (String oid : objects) {
                RadosTool.remove(io, oid);
            }
        }
        return null;
    }
}
