/** The RADOS client: maps, placement and the request engine. */
module io.inkwire.rados {
    requires transitive io.inkwire.api;
    requires transitive io.inkwire.codec.osd;
    requires transitive io.inkwire.monclient;
    // the client's counters as an MXBean (internal.RadosClientMBeans)
    requires java.management;
    requires static osgi.annotation;

    exports io.inkwire.rados;
    exports io.inkwire.rados.placement;
    exports io.inkwire.rados.striper;
}
