package io.inkwire.rados;

import java.util.List;
import java.util.Optional;

/** One page of a pool listing, and where the next one starts (empty once the pool is done). */
public record ObjectPage(List<ObjectEntry> entries, Optional<ListCursor> next) {

    public ObjectPage {
        entries = List.copyOf(entries);
    }
}
