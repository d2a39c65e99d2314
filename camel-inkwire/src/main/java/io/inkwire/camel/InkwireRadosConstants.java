package io.inkwire.camel;

import org.apache.camel.spi.Metadata;

/** The message headers of the {@code inkwire-rados} component. */
public final class InkwireRadosConstants {

    @Metadata(description = "The object an operation works on; overrides the endpoint's objectName. Set by the consumer.",
            javaType = "String")
    public static final String OBJECT_NAME = "CamelInkwireObjectName";

    @Metadata(label = "producer", description = "The operation to run; overrides the endpoint's operation.",
            javaType = "io.inkwire.camel.InkwireRadosOperation")
    public static final String OPERATION = "CamelInkwireOperation";

    @Metadata(description = "The namespace of the object; overrides the endpoint's namespace in the producer, set by the consumer.",
            javaType = "String")
    public static final String NAMESPACE = "CamelInkwireNamespace";

    @Metadata(description = "The pool of the object (set by the consumer and the producer).", javaType = "String")
    public static final String POOL = "CamelInkwirePool";

    @Metadata(description = "The object's size in bytes: after get and stat, and in the consumer; after put and append, the bytes written.",
            javaType = "long")
    public static final String OBJECT_SIZE = "CamelInkwireObjectSize";

    @Metadata(description = "When the object was last modified (get, stat, consumer).", javaType = "java.time.Instant")
    public static final String LAST_MODIFIED = "CamelInkwireLastModified";

    @Metadata(description = "The object's version (user_version) after the operation.", javaType = "long")
    public static final String OBJECT_VERSION = "CamelInkwireObjectVersion";

    @Metadata(label = "producer", description = "The xattr getxattr reads and setxattr writes; overrides the endpoint's xattrName.",
            javaType = "String")
    public static final String XATTR_NAME = "CamelInkwireXattrName";

    @Metadata(label = "producer", description = "The omap keys omapGet reads (a collection of strings, or one string of comma-separated keys); "
            + "without it omapGet reads every key.", javaType = "java.util.Collection<String>")
    public static final String OMAP_KEYS = "CamelInkwireOmapKeys";

    @Metadata(label = "producer", description = "omapGet without CamelInkwireOmapKeys: the key after which values are read "
            + "(absent: from the first key).", javaType = "String")
    public static final String OMAP_START_AFTER = "CamelInkwireOmapStartAfter";

    @Metadata(label = "producer", description = "After omapGet without CamelInkwireOmapKeys: whether keys follow the last one returned "
            + "(read them with CamelInkwireOmapStartAfter set to it).", javaType = "boolean")
    public static final String OMAP_MORE = "CamelInkwireOmapMore";

    @Metadata(label = "producer", description = "Where a list operation starts: the CamelInkwireNextCursor of the page before; "
            + "absent for the beginning of the pool.", javaType = "String")
    public static final String LIST_CURSOR = "CamelInkwireListCursor";

    @Metadata(label = "producer", description = "After list: where the next page starts, absent (removed) when the listing is complete.",
            javaType = "String")
    public static final String NEXT_CURSOR = "CamelInkwireNextCursor";

    @Metadata(label = "producer", description = "The errno of an operation that failed while throwExceptionOnMissing=false let the exchange go on "
            + "(2 for an object that does not exist).", javaType = "int")
    public static final String ERRNO = "CamelInkwireErrno";

    @Metadata(label = "consumer", description = "With watch: the OSD's id of the notification.", javaType = "long")
    public static final String NOTIFY_ID = "CamelInkwireNotifyId";

    @Metadata(label = "consumer", description = "With watch: the global id of the client that sent the notification (client.GID).",
            javaType = "long")
    public static final String NOTIFIER_ID = "CamelInkwireNotifierId";

    @Metadata(label = "consumer", description = "With watch: the cookie of the watch that received the notification.", javaType = "long")
    public static final String WATCH_COOKIE = "CamelInkwireWatchCookie";

    @Metadata(label = "producer", description = "After notify: the watchers that did not ack in time, as GID:COOKIE (the body holds the "
            + "acks of the others).", javaType = "java.util.List<String>")
    public static final String NOTIFY_MISSED = "CamelInkwireNotifyMissed";

    private InkwireRadosConstants() {
    }
}
