/**
 * The gss auth method (Kerberos 5 through the JDK's GSS-API): {@link io.inkwire.auth.gss.GssAuthProvider},
 * found through {@link java.util.ServiceLoader} or as an OSGi Declarative Services component. Nothing
 * is exported. No native library: {@code java.security.jgss} speaks Kerberos, and
 * {@code jdk.security.auth}'s {@code Krb5LoginModule} gets the initial ticket from a keytab or a ticket cache.
 */
module io.inkwire.auth.gss {
    requires io.inkwire.api;
    requires io.inkwire.wire;
    requires java.security.jgss;
    requires jdk.security.auth;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    provides io.inkwire.api.auth.AuthProvider with io.inkwire.auth.gss.GssAuthProvider;
}
