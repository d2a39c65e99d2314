/**
 * Ceph's {@code rados} tool ({@code src/tools/rados/rados.cc}) over the RADOS client API: object
 * I/O in the tool's pieces, listings, and the tool's lines and error words
 * ({@link io.inkwire.rados.tool.RadosTool}); what {@code ceph osd map} prints
 * ({@link io.inkwire.rados.tool.OsdMapFormat}). The command line and the Karaf commands print
 * through here, so both read as the tools do.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.rados.tool;
