/** Ceph's wire encodings and msgr2 framing, free of any transport. */
module io.inkwire.wire {
    requires transitive io.inkwire.api;
    requires static osgi.annotation;

    exports io.inkwire.wire;
    exports io.inkwire.wire.frame;
    exports io.inkwire.wire.v1;
}
