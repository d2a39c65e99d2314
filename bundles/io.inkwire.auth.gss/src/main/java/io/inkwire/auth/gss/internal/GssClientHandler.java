package io.inkwire.auth.gss.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import java.time.Instant;
import java.util.function.Function;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;

/**
 * One identity's gss client state: its Kerberos login (from {@code gss_ktab_client_file} or the
 * ticket cache), renewed from the keytab or re-read from the cache when the initial ticket nears
 * its end, and the global id a monitor assigned. The JDK keeps the service tickets it obtains in
 * the login's {@link Subject}, so only the first connection to a service asks the KDC for one.
 *
 * <p>The KDC exchanges run on the connection's I/O thread when a session needs them; the lab's
 * and any sane krb5.conf bound them ({@code kdc_timeout}, {@code max_retries}). Thread-safe.
 */
public final class GssClientHandler implements AuthClientHandler {

    /** An initial ticket with less life left than this is replaced before a new connection uses it. */
    static final long TGT_MARGIN_SECONDS = 60;

    private final EntityName name;
    private final GssSettings settings;
    private final GSSManager manager = GSSManager.getInstance();
    private volatile long globalId;
    private Subject subject;
    private boolean closed;

    public GssClientHandler(AuthClientConfig config, Function<String, String> env) throws AuthException {
        this.name = config.name();
        this.settings = GssSettings.of(config.options(), name, env);
    }

    @Override
    public AuthClientSession newSession(EntityType peerType) throws AuthException {
        synchronized (this) {
            checkOpen();
        }
        return new GssClientSession(this, peerType == EntityType.MON);
    }

    @Override
    public long globalId() {
        return globalId;
    }

    void assignedGlobalId(long id) {
        if (id != 0) {
            globalId = id;
        }
    }

    EntityName name() {
        return name;
    }

    GssSettings settings() {
        return settings;
    }

    /** Our credentials, logging in (again) when there is no initial ticket with life left. */
    synchronized Subject credentials() throws AuthException {
        checkOpen();
        if (subject == null || !KerberosLogin.fresh(subject, Instant.now(), TGT_MARGIN_SECONDS)) {
            boolean refresh = Krb5Conf.use(settings.krb5Conf());
            Subject fresh = KerberosLogin.initiator(settings, refresh);
            if (subject != null) {
                KerberosLogin.logout(subject);
            }
            subject = fresh;
        }
        return subject;
    }

    /** A context towards {@code gss_target_name}: Kerberos 5, mutual authentication, confidentiality. */
    GSSContext newContext() throws AuthException {
        try {
            GSSContext c = manager.createContext(GssNames.service(manager, settings.targetName()), GssNames.KRB5, null, GSSContext.DEFAULT_LIFETIME);
            c.requestMutualAuth(true);
            c.requestConf(true);
            c.requestInteg(true);
            c.requestReplayDet(true);
            c.requestSequenceDet(true);
            c.requestCredDeleg(false);
            return c;
        } catch (GSSException e) {
            throw new AuthException(AuthException.EINVAL, "gss: cannot start a Kerberos context for " + settings.targetName() + ": " + e.getMessage(), e);
        }
    }

    /** Our principal's realm, for messages. */
    String realm(Subject s) {
        return s.getPrincipals(KerberosPrincipal.class).stream().findFirst().map(KerberosPrincipal::getRealm).orElse("(default realm)");
    }

    private void checkOpen() throws AuthException {
        if (closed) {
            throw new AuthException(AuthException.EINVAL, "gss: the auth handler of " + name + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (subject != null) {
            KerberosLogin.logout(subject);
            subject = null;
        }
    }

    @Override
    public String toString() {
        return "GssClientHandler{" + name + ", " + settings.clientSource() + ", target " + settings.targetName() + "}";
    }
}
