/** The RADOS client: maps, placement and the request engine. */
module io.inkwire.rados {
    requires transitive io.inkwire.api;
    requires transitive io.inkwire.codec.osd;
    requires transitive io.inkwire.monclient;
    requires static osgi.annotation;

    exports io.inkwire.rados;
    exports io.inkwire.rados.placement;
}
