package io.inkwire.karaf.shell.internal;

import io.inkwire.rados.tool.RadosTool;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inkwire:rados-stat POOL OBJ}: as {@code rados -p POOL stat OBJ}. */
@Service
@Command(scope = "inkwire", name = "rados-stat", description = "Shows an object's modification time and size (rados stat)")
public final class RadosStatCommand extends ObjectAction implements Action {

    @Argument(index = 0, name = "pool", required = true, description = "the pool")
    String pool;

    @Argument(index = 1, name = "object", required = true, description = "the object's name")
    String object;

    @Override
    public Object execute() throws Exception {
        try (RadosClients.Lease lease = lease()) {
            System.out.println(RadosTool.stat(io(lease, pool), object));
        }
        return null;
    }
}
