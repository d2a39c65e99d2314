/**
 * Services of inkwire's OSGi runtime: {@link io.inkwire.osgi.InkwireProviders}, the installed
 * providers as they come and go, and {@link io.inkwire.osgi.ManagedMessenger}, one per
 * {@code io.inkwire.messenger} factory configuration, with {@link io.inkwire.osgi.ClusterClientSettings}
 * for further clients of its cluster.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package io.inkwire.osgi;
