package io.inkwire.api.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Marks an {@link io.inkwire.api.auth.AuthProvider} implementation; bnd turns it into the bundle
 * capability {@code io.inkwire.auth;io.inkwire.auth=<name>;method:Long=<n>}, so a feature or a
 * resolver can require "an auth provider for cephx":
 * {@code Require-Capability: io.inkwire.auth;filter:="(io.inkwire.auth=cephx)"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Capability(namespace = InkwireAuthProvider.NAMESPACE)
public @interface InkwireAuthProvider {

    /** The capability namespace of auth providers. */
    String NAMESPACE = "io.inkwire.auth";

    /** The method name used in {@code auth_*_required}, e.g. {@code cephx}. */
    @Attribute(NAMESPACE)
    String value();

    /** The wire value ({@code CEPH_AUTH_*}). */
    @Attribute("method")
    int method();
}
