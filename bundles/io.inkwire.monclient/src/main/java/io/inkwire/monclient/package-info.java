/** A client of Ceph monitors on top of any {@link io.inkwire.api.Messenger}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.monclient;
