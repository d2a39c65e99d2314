package io.inkwire.karaf.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inkwire:status}: what {@code ceph -s} shows, from the monitor. */
@Service
@Command(scope = "inkwire", name = "status", description = "Shows the cluster status (ceph -s) from the monitor")
public final class StatusCommand extends TargetOptions implements Action {

    @Override
    public Object execute() throws Exception {
        String json = MonSessions.withFormat("{\"prefix\": \"status\"}", format);
        return MonSessions.print(MonSessions.run(bundleContext, providers, target(), json), false);
    }
}
