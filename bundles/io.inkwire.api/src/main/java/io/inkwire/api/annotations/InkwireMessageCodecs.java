package io.inkwire.api.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Marks a set of {@link io.inkwire.api.message.MessageCodec}s (put it on the package or on one
 * class); bnd turns it into {@code io.inkwire.codecs;io.inkwire.codecs=<set>;types:List<Long>=...},
 * so a feature can require "the monitor messages":
 * {@code Require-Capability: io.inkwire.codecs;filter:="(io.inkwire.codecs=mon)"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Capability(namespace = InkwireMessageCodecs.NAMESPACE)
public @interface InkwireMessageCodecs {

    /** The capability namespace of message codec sets. */
    String NAMESPACE = "io.inkwire.codecs";

    /** The set's name, e.g. {@code mon}. */
    @Attribute(NAMESPACE)
    String value();

    /** The message types ({@code CEPH_MSG_*}) the set decodes. */
    @Attribute("types")
    int[] types() default {};
}
