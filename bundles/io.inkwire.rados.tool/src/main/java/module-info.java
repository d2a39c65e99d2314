/** What Ceph's {@code rados} tool and {@code ceph osd map} do and print, for the CLI and the Karaf shell. */
module io.inkwire.rados.tool {
    requires transitive io.inkwire.rados;
    // osd-map's JSON, written as Ceph's JSONFormatter does
    requires com.fasterxml.jackson.databind;
    requires static osgi.annotation;

    exports io.inkwire.rados.tool;
}
