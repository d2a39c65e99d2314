package io.inkwire.rados.internal;

/**
 * What an MOSDMap did to the engine's map: the map now in use (the same one when nothing
 * applied), how many maps were applied and how many of those were full maps, and the epoch to
 * subscribe from again when the message left a gap (0 when none), as
 * {@code Objecter::handle_osd_map} asks for the missing maps.
 */
record MapUpdate(OsdMapView map, int applied, int full, long wantFrom) {
}
