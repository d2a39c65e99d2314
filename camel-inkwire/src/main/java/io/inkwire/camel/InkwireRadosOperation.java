package io.inkwire.camel;

/** What the {@code inkwire-rados} producer does with the message. */
public enum InkwireRadosOperation {
    /** The body replaces the object (in chunks of chunkSize: a write_full, then writes). */
    put,
    /** The object becomes the body: a byte[] up to chunkSize, a re-readable stream beyond. */
    get,
    /** Size and mtime in headers, the body an {@code io.inkwire.rados.ObjectStat}. */
    stat,
    /** Removes the object. */
    delete,
    /** The body is appended to the object (in chunks). */
    append,
    /** One page of the pool's object names (a List of String) and the cursor of the next page. */
    list,
    /** The xattr's value as a byte[]. */
    getxattr,
    /** The body (bytes or text) becomes the xattr's value. */
    setxattr,
    /** Omap values (a Map of String to byte[]), by key or all of them. */
    omapGet,
    /** The body (a Map of String to bytes or text) is set in the object's omap. */
    omapSet,
    /** The body goes to the object's watchers; the body becomes their acks (a Map of "GID:COOKIE" to byte[]). */
    notify
}
