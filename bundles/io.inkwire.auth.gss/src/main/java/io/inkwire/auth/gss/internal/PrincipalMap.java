package io.inkwire.auth.gss.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an acceptor names the entity of an authenticated Kerberos principal (option
 * {@code gss_principal_map}): rules {@code REGEX => ENTITY} separated by {@code ;}, tried in order;
 * the first whose regex matches the whole principal ({@code name[/instance]@REALM}) gives the
 * entity, with {@code $1}… standing for its groups. {@code {realm}} in a regex stands for the
 * acceptor's own realm. A principal no rule matches is refused.
 *
 * <p>The default, for principals of the acceptor's realm only: one named like an entity
 * ({@code client.alice@R}, {@code osd.0@R}, what Ceph's gss client uses) is that entity, a plain
 * user ({@code alice@R}) is {@code client.alice}; principals with an instance ({@code alice/admin@R})
 * and other realms match nothing.
 */
final class PrincipalMap {

    static final String DEFAULT = "^((?:client|mon|osd|mds|mgr)\\.[^/@]+)@{realm}$ => $1; ^([^/@.]+)@{realm}$ => client.$1";

    private record Rule(Pattern pattern, String entity) {
    }

    private final List<Rule> rules;
    private final String text;

    private PrincipalMap(List<Rule> rules, String text) {
        this.rules = rules;
        this.text = text;
    }

    static PrincipalMap parse(String text, String realm) throws AuthException {
        List<Rule> rules = new ArrayList<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int arrow = part.lastIndexOf("=>");
            if (arrow < 0) {
                throw bad(text, "rule '" + part.trim() + "' has no '=>'");
            }
            String regex = part.substring(0, arrow).trim().replace("{realm}", Pattern.quote(realm));
            String entity = part.substring(arrow + 2).trim();
            if (regex.isEmpty() || entity.isEmpty()) {
                throw bad(text, "rule '" + part.trim() + "' needs a regex and an entity");
            }
            try {
                rules.add(new Rule(Pattern.compile(regex), entity));
            } catch (PatternSyntaxException e) {
                throw bad(text, "bad regex '" + regex + "': " + e.getDescription());
            }
        }
        if (rules.isEmpty()) {
            throw bad(text, "no rule");
        }
        return new PrincipalMap(rules, text);
    }

    /** The entity of {@code principal}, or empty when no rule matches or the result is no entity name. */
    Optional<EntityName> map(String principal) {
        for (Rule r : rules) {
            Matcher m = r.pattern.matcher(principal);
            if (m.matches()) {
                try {
                    return Optional.of(EntityName.parse(m.replaceFirst(r.entity)));
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static AuthException bad(String text, String why) {
        return new AuthException(AuthException.EINVAL, "gss: option gss_principal_map '" + text + "': " + why);
    }

    @Override
    public String toString() {
        return text;
    }
}
