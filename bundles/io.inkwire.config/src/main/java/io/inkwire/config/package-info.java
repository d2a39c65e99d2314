/**
 * Ceph configuration as the {@code ceph} tools read it: {@link io.inkwire.config.CephConfFile}
 * (ceph.conf), {@link io.inkwire.config.CephArgs} (command line and {@code CEPH_ARGS}),
 * {@link io.inkwire.config.Metavariables} ({@code $cluster}, {@code $name}, ...),
 * {@link io.inkwire.config.KeyringFile} and {@link io.inkwire.config.Keyrings} (where the secret
 * comes from) and {@link io.inkwire.config.MonHosts} ({@code mon_host} → initial monitors).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.config;
