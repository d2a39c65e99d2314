/**
 * The OSDMap as a client decodes it: full maps, incrementals, pg_pool_t, OSD states and addresses, pg_temp/primary_temp/upmap. Value types and their decoders only.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.codec.osd.map;
