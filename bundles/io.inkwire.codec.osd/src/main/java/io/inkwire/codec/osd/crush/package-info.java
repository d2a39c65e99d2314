/**
 * The CRUSH map as CrushWrapper encodes it: buckets, rules, tunables, choose_args. Decoding only; evaluation lives in the RADOS client.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.codec.osd.crush;
