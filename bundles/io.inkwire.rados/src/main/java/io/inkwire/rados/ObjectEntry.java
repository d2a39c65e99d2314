package io.inkwire.rados;

/** One object of a pool listing: its namespace ("" for the default one), name and locator key ("" for none). */
public record ObjectEntry(String namespace, String name, String locator) {
}
