package io.inkwire.karaf.shell.internal;

import io.inkwire.rados.tool.RadosTool;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inkwire:rados-get POOL OBJ FILE}: as {@code rados -p POOL get OBJ FILE}. */
@Service
@Command(scope = "inkwire", name = "rados-get", description = "Reads an object into a file (rados get)")
public final class RadosGetCommand extends ObjectAction implements Action {

    @Argument(index = 0, name = "pool", required = true, description = "the pool")
    String pool;

    @Argument(index = 1, name = "object", required = true, description = "the object's name")
    String object;

    @Argument(index = 2, name = "file", required = true, description = "the file to write, - for the standard output")
    String file;

    @Override
    public Object execute() throws Exception {
        try (RadosClients.Lease lease = lease()) {
            if (file.equals("-")) {
                RadosTool.get(io(lease, pool), object, System.out);
            } else {
                // opened first, as the tool does: a missing object leaves an empty file
                try (OutputStream out = Files.newOutputStream(Path.of(file))) {
                    RadosTool.get(io(lease, pool), object, out);
                }
            }
        }
        return null;
    }
}
