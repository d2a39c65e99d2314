package io.inkwire.rados;

import java.time.Instant;

/** What {@code stat} tells of an object: its size and when it was last modified. */
public record ObjectStat(long size, Instant mtime) {
}
