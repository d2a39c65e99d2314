package io.inkwire.karaf.shell.internal;

import io.inkwire.rados.tool.RadosTool;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inkwire:rados-ls POOL}: as {@code rados -p POOL ls}, one object a line. */
@Service
@Command(scope = "inkwire", name = "rados-ls", description = "Lists the objects of a pool, one a line (rados ls)")
public final class RadosLsCommand extends ObjectAction implements Action {

    @Argument(index = 0, name = "pool", required = true, description = "the pool")
    String pool;

    @Option(name = "--all", description = "every namespace: NAMESPACE<TAB>OBJECT")
    boolean all;

    @Override
    public Object execute() throws Exception {
        PrintStream out = System.out;
        try (RadosClients.Lease lease = lease()) {
            RadosTool.list(io(lease, pool), all, out::println);
        }
        out.flush();
        return null;
    }
}
