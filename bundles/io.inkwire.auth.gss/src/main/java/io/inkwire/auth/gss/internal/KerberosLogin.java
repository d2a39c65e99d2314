package io.inkwire.auth.gss.internal;

import io.inkwire.api.auth.AuthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Subject;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSException;

/**
 * A principal's Kerberos credentials in a JAAS {@link Subject}, through the JDK's
 * {@code Krb5LoginModule} with a configuration of our own (no JAAS file, the process's login
 * configuration untouched, never a prompt): an initiator's initial ticket from a keytab (an AS
 * exchange with the KDC) or from a ticket cache; an acceptor's keys from its keytab (no KDC
 * involved). What could be wrong is checked first, so that each failure reads as its cause.
 *
 * <p>The module is named, not linked: {@code com.sun.security.auth.module} is not among the
 * packages an OSGi framework exports (Karaf's list has it not), while {@link LoginContext} finds
 * the JDK's {@code jdk.security.auth} module itself when the context class loader is the
 * platform's.
 */
final class KerberosLogin {

    private static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private KerberosLogin() {
    }

    /** The client's initial ticket, per {@code s}; talks to the KDC when the source is a keytab. */
    static Subject initiator(GssSettings s, boolean refreshConfig) throws AuthException {
        KerberosPrincipal who = principal(s.clientPrincipal(), "gss_client_principal");
        Map<String, Object> o = new HashMap<>();
        o.put("principal", who.getName());
        o.put("isInitiator", "true");
        if (s.clientKeytab().isPresent()) {
            Path keytab = s.clientKeytab().get();
            checkKeytab(keytab, who, "gss_ktab_client_file");
            o.put("useKeyTab", "true");
            o.put("keyTab", keytab.toString());
            o.put("storeKey", "false");
            return login(o, refreshConfig, "cannot get a Kerberos ticket for " + who + " with keytab " + keytab, "keytab " + keytab, who);
        }
        Path cache = Path.of(s.ccache().orElseGet(KerberosLogin::defaultCache));
        if (!Files.exists(cache)) {
            throw new AuthException(AuthException.EACCES, "gss: no Kerberos ticket for " + who + ": ticket cache " + cache
                    + " does not exist (run kinit, or give a keytab with gss_ktab_client_file)");
        }
        o.put("useTicketCache", "true");
        o.put("ticketCache", cache.toString());
        o.put("renewTGT", "false");
        try {
            return login(o, refreshConfig, "cannot use ticket cache " + cache + " for " + who, "ticket cache " + cache, who);
        } catch (AuthException e) {
            throw whyNotFromCache(cache, who).orElse(e);
        }
    }

    /** The acceptor's keys for {@code principal} from {@code keytab}; reads the file, never the KDC. */
    static Subject acceptor(String principal, Path keytab, boolean refreshConfig) throws AuthException {
        KerberosPrincipal who = principal(principal, "gss_target_name");
        checkKeytab(keytab, who, "gss_ktab_service_file");
        Map<String, Object> o = new HashMap<>();
        o.put("principal", who.getName());
        o.put("isInitiator", "false");
        o.put("useKeyTab", "true");
        o.put("keyTab", keytab.toString());
        o.put("storeKey", "true");
        return login(o, refreshConfig, "cannot load the keys of " + who + " from keytab " + keytab, "keytab " + keytab, who);
    }

    /** The initial ticket (TGT) in {@code s}, if any. */
    static Optional<KerberosTicket> tgt(Subject s) {
        for (KerberosTicket t : s.getPrivateCredentials(KerberosTicket.class)) {
            if (t.getServer().getName().startsWith("krbtgt/")) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code s}'s initial ticket is good for another {@code marginSeconds}. */
    static boolean fresh(Subject s, Instant now, long marginSeconds) {
        return tgt(s).map(t -> !t.isDestroyed() && t.getEndTime() != null
                && t.getEndTime().toInstant().isAfter(now.plusSeconds(marginSeconds))).orElse(false);
    }

    /** Wipes the tickets and keys a login put into {@code s}. */
    static void logout(Subject s) {
        for (Object c : s.getPrivateCredentials().toArray()) {
            if (c instanceof javax.security.auth.Destroyable d) {
                try {
                    d.destroy();
                } catch (DestroyFailedException e) {
                    // a KeyTab cannot be destroyed; it holds no key in memory
                }
            }
        }
        s.getPrivateCredentials().clear();
    }

    /** Runs a GSS call with {@code s}'s credentials (where the JDK finds tickets and caches service tickets). */
    static <T> T as(Subject s, PrivilegedExceptionAction<T> action) throws GSSException {
        try {
            return Subject.doAs(s, action);
        } catch (PrivilegedActionException e) {
            if (e.getException() instanceof GSSException g) {
                throw g;
            }
            throw new IllegalStateException(e.getException());
        }
    }

    private static KerberosPrincipal principal(String name, String option) throws AuthException {
        try {
            return new KerberosPrincipal(name);
        } catch (IllegalArgumentException e) {
            throw new AuthException(AuthException.EINVAL, "gss: principal '" + name + "' (" + option + "): " + e.getMessage()
                    + " (no default_realm in krb5.conf? see gss_krb5_conf)");
        }
    }

    private static void checkKeytab(Path keytab, KerberosPrincipal who, String option) throws AuthException {
        if (!Files.isReadable(keytab)) {
            throw new AuthException(AuthException.EACCES, "gss: cannot read keytab " + keytab + " (" + option + ")");
        }
        KeyTab kt = KeyTab.getInstance(who, keytab.toFile());
        if (!kt.exists() || kt.getKeys(who).length == 0) {
            throw new AuthException(AuthException.EACCES, "gss: keytab " + keytab + " (" + option + ") holds no key for " + who);
        }
    }

    private static Subject login(Map<String, Object> options, boolean refreshConfig, String doing, String keySource, KerberosPrincipal who)
            throws AuthException {
        options.put("doNotPrompt", "true");
        options.put("refreshKrb5Config", String.valueOf(refreshConfig));
        Configuration only = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {
                    new AppConfigurationEntry(KRB5_LOGIN_MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            LoginContext lc = new LoginContext("inkwire-gss", new Subject(), callbacks -> {
                throw new UnsupportedCallbackException(callbacks[0], "inkwire never prompts for a Kerberos password");
            }, only);
            lc.login();
            return lc.getSubject();
        } catch (LoginException e) {
            throw GssFailure.kdc(doing, keySource, who.getRealm(), e);
        } finally {
            t.setContextClassLoader(saved);
        }
    }

    /** The JDK's default ticket cache on Linux, {@code /tmp/krb5cc_<uid>}. */
    private static String defaultCache() {
        try {
            return "/tmp/krb5cc_" + Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "/tmp/krb5cc_" + System.getProperty("user.name");
        }
    }

    /** A ticket cache the JDK refused: expired, of another principal, or unreadable. */
    private static Optional<AuthException> whyNotFromCache(Path cache, KerberosPrincipal who) {
        Optional<TicketCache.Contents> c = TicketCache.read(cache);
        if (c.isEmpty()) {
            return Optional.of(new AuthException(AuthException.EACCES, "gss: ticket cache " + cache + " is not a readable FILE cache (version 3 or 4)"));
        }
        Optional<TicketCache.Credential> tgt = c.get().tgt(who.getName());
        if (tgt.isEmpty()) {
            return Optional.of(new AuthException(AuthException.EACCES, "gss: ticket cache " + cache + " holds no initial ticket for " + who
                    + " (its principal is " + c.get().defaultPrincipal() + "); run kinit " + who));
        }
        if (!tgt.get().end().isAfter(Instant.now())) {
            return Optional.of(new AuthException(AuthException.EACCES, "gss: the Kerberos ticket of " + who + " in ticket cache " + cache
                    + " expired at " + tgt.get().end() + "; run kinit again"));
        }
        return Optional.empty();
    }
}
