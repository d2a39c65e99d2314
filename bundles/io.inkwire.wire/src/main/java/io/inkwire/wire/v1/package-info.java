/**
 * The legacy messenger's wire (msgr1, "ceph v027", {@code src/include/msgr.h}): banner and address
 * exchange, {@code ceph_msg_connect} / {@code ceph_msg_connect_reply}, stream tags, and the message
 * header and footer with their seed-0 crcs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.wire.v1;
