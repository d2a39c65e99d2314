package io.inkwire.codec.osd.map;

/**
 * One {@code pg_upmap_items} pair: where CRUSH put {@code from}, use {@code to}.
 *
 * @param from the OSD CRUSH chose
 * @param to the OSD to use instead
 */
public record UpmapItem(int from, int to) {

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
