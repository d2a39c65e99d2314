package io.inkwire.karaf.shell.internal;

import io.inkwire.osgi.InkwireProviders;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.osgi.framework.BundleContext;

/** The options of the commands that talk to a monitor, as the {@code ceph} CLI names them. */
abstract class TargetOptions {

    @Reference
    BundleContext bundleContext;

    @Reference
    InkwireProviders providers;

    @Option(name = "-c", aliases = "--conf", description = "ceph.conf to read (mon_host, keyring, options)")
    String conf;

    @Option(name = "-m", aliases = "--mon-host", description = "monitors in mon_host syntax")
    String monHost;

    @Option(name = "-k", aliases = "--keyring", description = "keyring file")
    String keyring;

    @Option(name = "-n", aliases = "--name", description = "entity name (default client.admin)")
    String name;

    @Option(name = "--messenger", description = "PID of a configured io.inkwire.messenger to use (default: the first with a monitor session)")
    String messenger;

    @Option(name = "-f", aliases = "--format", description = "plain, json or json-pretty")
    String format = "plain";

    @Option(name = "-t", aliases = "--timeout", description = "seconds to wait for the monitor")
    int timeout = 30;

    MonSessions.Target target() {
        return new MonSessions.Target(conf, monHost, keyring, name, messenger, timeout);
    }
}
