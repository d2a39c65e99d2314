package io.inkwire.karaf.shell.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.osgi.ManagedMessenger;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;

/** {@code inkwire:connections}: the established connections of every configured messenger. */
@Service
@Command(scope = "inkwire", name = "connections", description = "Lists established connections: peer, protocol, auth method and mode")
public final class ConnectionsCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Override
    public Object execute() {
        ShellTable table = Tables.withColumns("Messenger", "Entity", "Peer", "Peer type", "Protocol", "Auth", "Mode", "Role");
        for (ManagedMessenger m : MonSessions.managed(bundleContext)) {
            for (Connection c : m.connections()) {
                ConnectionInfo i = c.info().orElse(null);
                if (i != null) {
                    table.addRow().addContent(m.pid(), m.name().toString(), String.valueOf(i.peerAddr()), i.peerType().text(),
                            i.protocol() + " rev" + i.revision(), i.authMethod(), i.mode(), i.role().name().toLowerCase());
                }
            }
        }
        table.print(System.out);
        return null;
    }
}
