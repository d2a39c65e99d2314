package io.inkwire.auth.gss.internal;

import io.inkwire.api.auth.AuthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JDK reads one Kerberos configuration per JVM, named by the system property
 * {@code java.security.krb5.conf} (it ignores MIT's {@code KRB5_CONFIG}). A handler given a
 * krb5.conf sets that property if nobody has; a second, different one in the same JVM is refused
 * rather than silently switching every other Kerberos user of the process.
 */
final class Krb5Conf {

    static final String PROPERTY = "java.security.krb5.conf";

    private Krb5Conf() {
    }

    /**
     * Makes {@code conf} the JVM's krb5.conf.
     *
     * @return whether the JDK must re-read its configuration (the property was just set)
     */
    static synchronized boolean use(Optional<Path> conf) throws AuthException {
        if (conf.isEmpty()) {
            return false;
        }
        Path p = conf.get().toAbsolutePath().normalize();
        if (!Files.isReadable(p)) {
            throw new AuthException(AuthException.EINVAL, "gss: cannot read krb5.conf " + p + " (gss_krb5_conf / KRB5_CONFIG)");
        }
        String current = System.getProperty(PROPERTY);
        if (current == null) {
            System.setProperty(PROPERTY, p.toString());
            return true;
        }
        if (!Path.of(current).toAbsolutePath().normalize().equals(p)) {
            throw new AuthException(AuthException.EINVAL, "gss: krb5.conf " + p + " asked for, but this JVM already uses " + current
                    + " (" + PROPERTY + "); the JDK has one Kerberos configuration per process");
        }
        return false;
    }
}
