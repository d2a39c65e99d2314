/** Ceph's wire encodings, msgr2 framing and the base of message codecs, free of any transport. */
module io.inkwire.wire {
    requires transitive io.inkwire.api;
    requires static osgi.annotation;

    exports io.inkwire.wire;
    exports io.inkwire.wire.frame;
    exports io.inkwire.wire.message;
    exports io.inkwire.wire.v1;
}
