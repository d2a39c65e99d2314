package io.inkwire.api.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Marks a {@link io.inkwire.api.mode.ConnectionMode} implementation; bnd turns it into the bundle
 * capability {@code io.inkwire.mode;io.inkwire.mode=<name>;id:Long=<n>}, which a feature or resolver
 * can require: {@code Require-Capability: io.inkwire.mode;filter:="(io.inkwire.mode=secure)"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Capability(namespace = InkwireConnectionMode.NAMESPACE)
public @interface InkwireConnectionMode {

    /** The capability namespace of connection modes. */
    String NAMESPACE = "io.inkwire.mode";

    /** The mode name used in {@code ms_*_mode}, e.g. {@code secure}. */
    @Attribute(NAMESPACE)
    String value();

    /** The wire value ({@code CEPH_CON_MODE_*}, or a plugin's own id). */
    @Attribute("id")
    int id();
}
