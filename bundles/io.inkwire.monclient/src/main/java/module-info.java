/** The monitor client. */
module io.inkwire.monclient {
    requires transitive io.inkwire.api;
    requires transitive io.inkwire.codec.mon;
    requires static osgi.annotation;

    exports io.inkwire.monclient;
}
