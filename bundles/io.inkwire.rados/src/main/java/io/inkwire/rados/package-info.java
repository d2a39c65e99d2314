/**
 * The RADOS client API: a client per cluster, I/O contexts per pool and namespace, object operations
 * (single and compound), listing and pools. Implementation in {@code io.inkwire.rados.internal}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.rados;
