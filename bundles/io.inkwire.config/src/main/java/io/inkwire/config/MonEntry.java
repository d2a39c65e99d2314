package io.inkwire.config;

import io.inkwire.api.addr.EntityAddrVec;
import java.util.Objects;

/**
 * One monitor of an initial monmap: its name ({@code noname-a}, {@code noname-a-legacy}, or the
 * {@code X} of a {@code [mon.X]} section) and its addresses.
 */
public record MonEntry(String name, EntityAddrVec addrs) {

    public MonEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(addrs, "addrs");
        if (addrs.isEmpty()) {
            throw new IllegalArgumentException("monitor " + name + " has no address");
        }
    }

    @Override
    public String toString() {
        return addrs + " mon." + name;
    }
}
