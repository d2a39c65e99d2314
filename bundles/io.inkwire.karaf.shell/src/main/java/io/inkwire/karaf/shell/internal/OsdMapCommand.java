package io.inkwire.karaf.shell.internal;

import io.inkwire.rados.RadosException;
import io.inkwire.rados.placement.ObjectPlacement;
import io.inkwire.rados.tool.OsdMapFormat;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code inkwire:osd-map POOL OBJ…}: for each object what {@code ceph osd map POOL OBJ [NS]}
 * prints, computed from the client's OSDMap with no monitor command.
 */
@Service
@Command(scope = "inkwire", name = "osd-map", description = "Shows where objects live: PG, up and acting OSDs (ceph osd map), from the client's map")
public final class OsdMapCommand extends ObjectAction implements Action {

    @Argument(index = 0, name = "pool", required = true, description = "the pool")
    String pool;

    @Argument(index = 1, name = "objects", required = true, multiValued = true, description = "the objects' names")
    List<String> objects;

    @Override
    public Object execute() throws Exception {
        if (!OsdMapFormat.FORMATS.contains(format)) {
            throw new IllegalArgumentException("-f " + format + ": the formats are " + String.join(", ", OsdMapFormat.FORMATS));
        }
        try (RadosClients.Lease lease = lease()) {
            for (String oid : objects) {
                ObjectPlacement p;
                try {
                    p = lease.client().locate(pool, namespace, "", oid);
                } catch (RadosException e) {
                    throw new IllegalStateException(OsdMapFormat.noSuchPool(pool));
                }
                System.out.println(OsdMapFormat.format(pool, namespace, oid, p, format));
            }
        }
        return null;
    }
}
