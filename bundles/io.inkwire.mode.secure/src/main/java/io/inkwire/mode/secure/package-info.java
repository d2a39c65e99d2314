/** The msgr2 {@code secure} connection mode (CEPH_CON_MODE_SECURE). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.mode.secure;
