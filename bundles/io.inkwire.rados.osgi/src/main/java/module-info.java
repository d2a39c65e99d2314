/**
 * The RADOS client in OSGi: a {@code RadosClient} service per configured messenger with
 * {@code mon_host}. Outside OSGi this module is inert: its class is a DS component.
 */
module io.inkwire.rados.osgi {
    requires io.inkwire.osgi;
    requires io.inkwire.rados;
    // the objecter counters as an MXBean
    requires java.management;
    requires static osgi.annotation;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;
}
