package io.inkwire.karaf.shell.internal;

/** The commands that use a RADOS client: where it comes from ({@link RadosClients}). */
abstract class RadosAction extends TargetOptions {

    RadosClients.Lease lease() throws Exception {
        return RadosClients.acquire(bundleContext, providers, target());
    }
}
