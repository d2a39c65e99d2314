package io.inkwire.auth.gss;

import io.inkwire.api.annotations.InkwireAuthProvider;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.auth.gss.internal.GssClientHandler;
import io.inkwire.auth.gss.internal.GssServerHandler;
import org.osgi.service.component.annotations.Component;

/**
 * The gss auth method ({@code CEPH_AUTH_GSS} = 4): Kerberos 5 through the JDK's GSS-API, in
 * Ceph's framing ({@code KrbRequest}/{@code KrbResponse} codes and {@code KrbTokenBlob}s,
 * {@code src/auth/krb/}), with what Ceph's unfinished draft lacks: mutual authentication required,
 * services that check an AP-REQ instead of letting any authorizer in, principals mapped to
 * entities by a rule, and — inkwire's extension — a session key and connection secret from the
 * Kerberos context, so that AUTH_SIGNATURE is real and secure mode works. Peers are inkwire's:
 * Ceph's own daemons are built without gss.
 *
 * <p>Options: {@code auth_*_required = gss}, Ceph's {@code gss_target_name} and
 * {@code gss_ktab_client_file}, and inkwire's {@code gss_client_principal}, {@code gss_ccache},
 * {@code gss_ktab_service_file}, {@code gss_krb5_conf}, {@code gss_principal_map} (README.md, "Kerberos (gss)";
 * {@code internal.GssSettings}). Handlers log in lazily: creating one touches neither files nor the KDC.
 */
@InkwireAuthProvider(value = "gss", method = AuthProvider.CEPH_AUTH_GSS)
@Component(service = AuthProvider.class, property = {"inkwire.auth.method:Integer=4", "inkwire.auth.name=gss"})
public final class GssAuthProvider implements AuthProvider {

    public GssAuthProvider() {
    }

    @Override
    public int method() {
        return CEPH_AUTH_GSS;
    }

    @Override
    public String name() {
        return "gss";
    }

    @Override
    public boolean providesConnectionSecret() {
        return true;
    }

    @Override
    public AuthClientHandler newClientHandler(AuthClientConfig config) throws AuthException {
        return new GssClientHandler(config, System::getenv);
    }

    @Override
    public AuthServerHandler newServerHandler(AuthServerConfig config) throws AuthException {
        return new GssServerHandler(config, System::getenv);
    }

    @Override
    public String toString() {
        return "GssAuthProvider{method=4, name=gss}";
    }
}
