package io.inkwire.karaf.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inkwire:mon-command '<json>'}: sends a command to the monitor. */
@Service
@Command(scope = "inkwire", name = "mon-command", description = "Sends a JSON command to the monitor, e.g. '{\"prefix\": \"health\"}'")
public final class MonCommandCommand extends TargetOptions implements Action {

    @Argument(index = 0, name = "json", required = true, description = "the command as Ceph's JSON")
    String json;

    @Override
    public Object execute() throws Exception {
        return MonSessions.print(MonSessions.run(bundleContext, providers, target(), MonSessions.withFormat(json, format)), true);
    }
}
