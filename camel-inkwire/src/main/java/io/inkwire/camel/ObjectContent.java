package io.inkwire.camel;

import java.time.Instant;

/**
 * An object as a message carries it: its data (a byte[] when it fits in one chunk, else a
 * {@link RadosObjectStream}; null when not read), size, mtime and version.
 */
record ObjectContent(Object body, long size, Instant lastModified, long version) {
}
