/**
 * Object placement as Ceph computes it: rjenkins hashing, stable_mod, placement seeds, CRUSH rule
 * evaluation, and up/acting sets from an OSDMap. Pure functions of the map.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.rados.placement;
