package io.inkwire.karaf.shell.internal;

import io.inkwire.rados.tool.RadosTool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inkwire:rados-put POOL OBJ FILE}: as {@code rados -p POOL put OBJ FILE}. */
@Service
@Command(scope = "inkwire", name = "rados-put", description = "Writes a file to an object, replacing it (rados put)")
public final class RadosPutCommand extends ObjectAction implements Action {

    @Argument(index = 0, name = "pool", required = true, description = "the pool")
    String pool;

    @Argument(index = 1, name = "object", required = true, description = "the object's name")
    String object;

    @Argument(index = 2, name = "file", required = true, description = "the file to write, - for the standard input")
    String file;

    @Option(name = "--offset", description = "write at this offset instead of replacing the object")
    long offset;

    @Override
    public Object execute() throws Exception {
        if (offset < 0) {
            throw new IllegalArgumentException("--offset " + offset + ": an offset is not negative");
        }
        try (RadosClients.Lease lease = lease()) {
            if (file.equals("-")) {
                RadosTool.put(io(lease, pool), object, System.in, offset);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    RadosTool.put(io(lease, pool), object, in, offset);
                }
            }
        }
        return null;
    }
}
