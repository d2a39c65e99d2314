/**
 * Bundle annotations for provider bundles: each declares a {@code Provide-Capability} that names
 * what the bundle provides (an auth method, a connection mode, a codec set), so Karaf features and
 * OSGi resolvers can require a provider by name. Build-time only (retention CLASS).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.api.annotations;
