package io.inkwire.auth.gss.internal;

import io.inkwire.api.auth.AuthException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/** The mechanism and the forms of {@code gss_target_name} (see {@link GssSettings}). */
final class GssNames {

    /** The Kerberos 5 GSS-API mechanism, RFC 1964 ({@code GSS_API_KRB5_OID} in KrbProtocol.hpp). */
    static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    /** {@code GSS_KRB5_NT_PRINCIPAL_NAME}: a name written as a Kerberos principal. */
    static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

    private GssNames() {
    }

    /** The GSS name of a service: a principal when it has a {@code /}, else host-based. */
    static GSSName service(GSSManager m, String target) throws AuthException {
        try {
            return target.contains("/") ? m.createName(target, KRB5_PRINCIPAL_NAME) : m.createName(target, GSSName.NT_HOSTBASED_SERVICE);
        } catch (GSSException e) {
            throw new AuthException(AuthException.EINVAL, "gss: gss_target_name '" + target + "' is no service name: " + e.getMessage());
        }
    }

    /** The Kerberos principal (realm left to the default) of a service name, for the acceptor's keytab login. */
    static String servicePrincipal(String target) throws AuthException {
        if (target.contains("/")) {
            return target;
        }
        int at = target.indexOf('@');
        if (at == 0 || at == target.length() - 1) {
            throw new AuthException(AuthException.EINVAL, "gss: gss_target_name '" + target + "': expected svc@host, svc or svc/host[@REALM]");
        }
        if (at > 0) {
            return target.substring(0, at) + "/" + target.substring(at + 1).toLowerCase();
        }
        try {
            return target + "/" + InetAddress.getLocalHost().getCanonicalHostName().toLowerCase();
        } catch (UnknownHostException e) {
            throw new AuthException(AuthException.EINVAL, "gss: gss_target_name '" + target + "' names a service of this host, whose name is unknown: "
                    + e.getMessage() + "; give svc@host");
        }
    }

    private static Oid oid(String s) {
        try {
            return new Oid(s);
        } catch (GSSException e) {
            throw new IllegalStateException(e);
        }
    }
}
