package io.inkwire.auth.gss.internal;

import io.inkwire.api.Errno;
import io.inkwire.api.auth.AuthException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-line errors from the JDK's Kerberos failures. The JDK words them as MIT does, with the
 * RFC 4120 error code in parentheses ({@code Clock skew too great (37)}); this adds what the code
 * means for the user (which file, which clock, which principal).
 */
final class GssFailure {

    private static final Pattern CODE = Pattern.compile("\\((\\d+)\\)");

    private GssFailure() {
    }

    /**
     * What went wrong, from the cause chain, on one line: down to the first message with a Kerberos
     * error code (what lies below it is the JDK's decoding detail, e.g. an ASN.1 tag mismatch).
     */
    static String describe(Throwable t) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable c = t; c != null && parts.size() < 4; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m.trim()))) {
                parts.add(m.trim().replaceAll("\\s+", " "));
            }
            if (m != null && CODE.matcher(m).find()) {
                break;
            }
        }
        return parts.isEmpty() ? t.getClass().getSimpleName() : String.join(": ", parts);
    }

    /** The RFC 4120 error code in a message, or -1. */
    static int code(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                Matcher m = CODE.matcher(c.getMessage());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return -1;
    }

    static boolean unreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof SocketTimeoutException || c instanceof UnknownHostException
                    || (c.getMessage() != null && c.getMessage().contains("Cannot contact any KDC"))) {
                return true;
            }
        }
        return false;
    }

    /** What a code means here; {@code keytab} names where our key came from. */
    static String hint(int code, String keySource) {
        switch (code) {
            case 6: return "the KDC knows no such client principal";
            case 7: return "the KDC knows no such service principal (gss_target_name)";
            case 18: return "the KDC revoked or locked this principal";
            case 24: case 31: return "the key in " + keySource + " is not the KDC's (wrong or outdated keytab)";
            case 32: return "the ticket expired";
            case 37: return "this host's clock and the KDC's differ by more than the realm's clock skew allows";
            default: return "";
        }
    }

    /** A failure to obtain or use our own credentials with the KDC, on one line. */
    static AuthException kdc(String doing, String keySource, String realm, Throwable t) {
        if (unreachable(t)) {
            int errno = t instanceof SocketTimeoutException || describe(t).contains("timed out") ? Errno.ETIMEDOUT.number() : Errno.ECONNREFUSED.number();
            return new AuthException(-errno, "gss: " + doing + ": cannot reach the KDC of realm " + realm + " (" + describe(t) + ")", t);
        }
        String hint = hint(code(t), keySource);
        return new AuthException(AuthException.EACCES, "gss: " + doing + ": " + describe(t) + (hint.isEmpty() ? "" : "; " + hint), t);
    }
}
