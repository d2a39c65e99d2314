/**
 * The cephx auth method: {@link io.inkwire.auth.cephx.CephxAuthProvider}, found through
 * {@link java.util.ServiceLoader} or as an OSGi Declarative Services component. Nothing is
 * exported: other modules only see it as an {@link io.inkwire.api.auth.AuthProvider}.
 */
module io.inkwire.auth.cephx {
    requires io.inkwire.api;
    requires io.inkwire.wire;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    provides io.inkwire.api.auth.AuthProvider with io.inkwire.auth.cephx.CephxAuthProvider;
}
