package io.inkwire.camel;

import java.util.Objects;

/** Refuses option values that cannot work, with one line saying why, when the endpoint is created. */
final class EndpointValidation {

    private EndpointValidation() {
    }

    static void check(InkwireRadosConfiguration c) {
        if (c.getChunkSize() < 1 || c.getChunkSize() > InkwireRadosConfiguration.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize " + c.getChunkSize() + ": must be 1 to "
                    + InkwireRadosConfiguration.MAX_CHUNK_SIZE + " bytes (Ceph's osd_max_write_size)");
        }
        if (c.getMaxResults() < 1) {
            throw new IllegalArgumentException("maxResults " + c.getMaxResults() + ": must be at least 1");
        }
        if (c.getMaxMessagesPerPoll() < 0) {
            throw new IllegalArgumentException("maxMessagesPerPoll " + c.getMaxMessagesPerPoll() + ": must be 0 (no limit) or more");
        }
        if (c.getWatchTimeout() < 0 || c.getNotifyTimeout() < 0) {
            throw new IllegalArgumentException("watchTimeout and notifyTimeout cannot be negative");
        }
        if (c.isMoveAfterRead()) {
            String ns = c.getDestinationNamespace() != null ? c.getDestinationNamespace() : c.getNamespace();
            String prefix = c.getDestinationPrefix() != null ? c.getDestinationPrefix() : "";
            if (Objects.equals(ns, c.getNamespace()) && prefix.isEmpty()) {
                throw new IllegalArgumentException("moveAfterRead would move objects onto themselves: set destinationNamespace "
                        + "to another namespace, or destinationPrefix");
            }
        }
    }
}
