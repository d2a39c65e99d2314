package io.inkwire.auth.gss.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.auth.AuthServerSession;
import java.util.function.Function;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;

/**
 * The gss acceptor side of one messenger: the service's keys from {@code gss_ktab_service_file}
 * for the principal {@code gss_target_name} names (read on the first connection; the acceptor
 * never talks to the KDC), and the {@link PrincipalMap} from principals to entities. As a
 * monitor ({@code mon.*} with global ids to hand out) it serves Ceph's monitor sequence; as any
 * acceptor it checks AP-REQ authorizers. Thread-safe.
 */
public final class GssServerHandler implements AuthServerHandler {

    static final System.Logger LOG = System.getLogger("io.inkwire.auth.gss");

    private final AuthServerConfig config;
    private final GssSettings settings;
    private final GSSManager manager = GSSManager.getInstance();
    private Subject subject;
    private GSSCredential credential;
    private PrincipalMap principalMap;
    private String realm;
    private boolean closed;

    public GssServerHandler(AuthServerConfig config, Function<String, String> env) throws AuthException {
        this.config = config;
        this.settings = GssSettings.of(config.options(), config.name(), env);
    }

    @Override
    public AuthServerSession newSession(EntityType peerType, int connectionSecretLength) {
        return new GssServerSession(this, peerType, connectionSecretLength);
    }

    EntityName name() {
        return config.name();
    }

    /** Whether we serve Ceph's monitor sequence (AUTH_MODE_MON): only as a monitor that hands out global ids. */
    boolean isMonitor() {
        return config.globalIds() != null && config.name().type() == EntityType.MON;
    }

    long newGlobalId() {
        return config.globalIds().getAsLong();
    }

    /** A fresh acceptor context on the service's keys, loading them on first use. */
    synchronized GSSContext newContext() throws AuthException {
        if (closed) {
            throw new AuthException(AuthException.EINVAL, "gss: the acceptor of " + config.name() + " is closed");
        }
        if (credential == null) {
            String principal = GssNames.servicePrincipal(settings.targetName());
            Subject s = KerberosLogin.acceptor(principal, settings.serviceKeytab(), Krb5Conf.use(settings.krb5Conf()));
            String r = s.getPrincipals(KerberosPrincipal.class).stream().findFirst().map(KerberosPrincipal::getRealm).orElseThrow();
            PrincipalMap map = PrincipalMap.parse(settings.principalMap().orElse(PrincipalMap.DEFAULT), r);
            try {
                credential = KerberosLogin.as(s, () -> manager.createCredential(GssNames.service(manager, settings.targetName()),
                        GSSCredential.INDEFINITE_LIFETIME, GssNames.KRB5, GSSCredential.ACCEPT_ONLY));
            } catch (GSSException e) {
                KerberosLogin.logout(s);
                throw new AuthException(AuthException.EACCES, "gss: cannot accept as " + principal + " with keytab " + settings.serviceKeytab()
                        + ": " + GssFailure.describe(e), e);
            }
            subject = s;
            realm = r;
            principalMap = map;
            LOG.log(System.Logger.Level.INFO, () -> "gss: " + config.name() + " accepts Kerberos service tickets for " + principal + "@" + r
                    + " (keytab " + settings.serviceKeytab() + ", principal map " + principalMap + ")");
        }
        try {
            return manager.createContext(credential);
        } catch (GSSException e) {
            throw new AuthException(AuthException.EACCES, "gss: cannot start an acceptor context: " + GssFailure.describe(e), e);
        }
    }

    synchronized PrincipalMap principalMap() {
        return principalMap;
    }

    synchronized String realm() {
        return realm;
    }

    String keytab() {
        return settings.serviceKeytab().toString();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (credential != null) {
            try {
                credential.dispose();
            } catch (GSSException e) {
                // released anyway
            }
            credential = null;
        }
        if (subject != null) {
            KerberosLogin.logout(subject);
            subject = null;
        }
    }

    @Override
    public String toString() {
        return "GssServerHandler{" + config.name() + ", target " + settings.targetName() + ", keytab " + settings.serviceKeytab() + "}";
    }
}
