/** The request engine (Ceph's Objecter) and sessions to OSDs; private to the bundle. */
package io.inkwire.rados.internal;
