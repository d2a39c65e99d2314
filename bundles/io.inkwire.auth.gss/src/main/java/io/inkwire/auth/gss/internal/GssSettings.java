package io.inkwire.auth.gss.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.config.CephConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gss options of one messenger, as Ceph names them where Ceph has them
 * ({@code gss_ktab_client_file}, {@code gss_target_name}, {@code src/common/options.cc}) and with
 * {@code gss_} names of inkwire's own for what Kerberos users expect besides:
 *
 * <ul>
 *   <li>{@code gss_target_name} (default {@code ceph}): the service. On a client, whose ticket to ask
 *       for; on an acceptor, which key of its keytab to accept with. {@code svc@host} is a host-based
 *       name ({@code svc/host} in the realm of the host), {@code svc} the same on the local host,
 *       {@code svc/host[@REALM]} a Kerberos principal as written.</li>
 *   <li>{@code gss_ktab_client_file}: the client's keytab. Ceph's default
 *       {@code /var/lib/ceph/$name/gss_client_$name.ktab} is used when that file exists; without a
 *       keytab the client uses its ticket cache.</li>
 *   <li>{@code gss_client_principal}: the client's principal; default the entity name
 *       ({@code client.admin}) in the default realm, as Ceph's {@code KrbClientHandler} names itself.</li>
 *   <li>{@code gss_ccache}: the ticket cache ({@code FILE:} or a path); default {@code $KRB5CCNAME},
 *       else the JDK's default ({@code /tmp/krb5cc_<uid>}).</li>
 *   <li>{@code gss_ktab_service_file}: the acceptor's keytab; default {@code $KRB5_KTNAME}, else
 *       {@code /etc/krb5.keytab}.</li>
 *   <li>{@code gss_krb5_conf}: krb5.conf; default {@code $KRB5_CONFIG}, else the JDK's default
 *       ({@code /etc/krb5.conf}). One per JVM (see {@link Krb5Conf}).</li>
 *   <li>{@code gss_principal_map}: how an acceptor names the entity of a principal ({@link PrincipalMap}).</li>
 * </ul>
 */
record GssSettings(Optional<Path> krb5Conf, String targetName, Optional<Path> clientKeytab, String clientPrincipal,
                   Optional<String> ccache, Path serviceKeytab, Optional<String> principalMap) {

    static final String CEPH_DEFAULT_CLIENT_KEYTAB = "/var/lib/ceph/$name/gss_client_$name.ktab";

    static GssSettings of(CephConfig options, EntityName name, Function<String, String> env) throws AuthException {
        CephConfig o = options == null ? CephConfig.empty() : options;
        String cluster = o.getString("cluster", "ceph");
        String target = nonBlank(o, "gss_target_name").orElse("ceph");
        Optional<Path> conf = nonBlank(o, "gss_krb5_conf").or(() -> Optional.ofNullable(blankToNull(env.apply("KRB5_CONFIG")))).map(Path::of);
        Optional<Path> keytab;
        if (o.isSet("gss_ktab_client_file")) {
            keytab = nonBlank(o, "gss_ktab_client_file").map(p -> Path.of(expand(p, name, cluster)));
        } else {
            Path dflt = Path.of(expand(CEPH_DEFAULT_CLIENT_KEYTAB, name, cluster));
            keytab = Files.isReadable(dflt) ? Optional.of(dflt) : Optional.empty();
        }
        String principal = nonBlank(o, "gss_client_principal").orElse(name.toString());
        Optional<String> ccache = nonBlank(o, "gss_ccache").or(() -> Optional.ofNullable(blankToNull(env.apply("KRB5CCNAME"))));
        Path serviceKeytab = Path.of(fileName(nonBlank(o, "gss_ktab_service_file")
                .or(() -> Optional.ofNullable(blankToNull(env.apply("KRB5_KTNAME")))).orElse("/etc/krb5.keytab")));
        if (ccache.isPresent() && !ccache.get().startsWith("FILE:") && ccache.get().matches("^[A-Z]+:.*")) {
            throw new AuthException(AuthException.EINVAL, "gss: ticket cache " + ccache.get()
                    + " is not a file; the JDK reads FILE: caches only (set gss_ccache or KRB5CCNAME to a FILE: cache)");
        }
        return new GssSettings(conf, target, keytab, principal, ccache.map(GssSettings::fileName), serviceKeytab,
                nonBlank(o, "gss_principal_map"));
    }

    /** Where the client's initial ticket comes from, for messages. */
    String clientSource() {
        return clientKeytab.map(k -> "keytab " + k).orElseGet(() -> "ticket cache " + ccache.orElse("(the JDK's default)"));
    }

    private static Optional<String> nonBlank(CephConfig o, String option) {
        return o.get(option).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** {@code FILE:/x} and {@code WRFILE:/x} name the file {@code /x}. */
    private static String fileName(String s) {
        return s.startsWith("FILE:") ? s.substring(5) : s.startsWith("WRFILE:") ? s.substring(7) : s;
    }

    /** Ceph's metavariables in a path option. */
    private static String expand(String value, EntityName name, String cluster) {
        return value.replace("$name", name.toString()).replace("${name}", name.toString())
                .replace("$cluster", cluster).replace("${cluster}", cluster)
                .replace("$type", name.type().text()).replace("$id", name.id());
    }
}
