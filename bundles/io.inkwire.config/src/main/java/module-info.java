/**
 * Ceph's client-side configuration: {@code ceph.conf}, command-line options and {@code CEPH_ARGS},
 * keyrings, and the initial monitor list from {@code mon_host}. A library: no services.
 */
module io.inkwire.config {
    requires transitive io.inkwire.api;
    requires static osgi.annotation;

    exports io.inkwire.config;
}
