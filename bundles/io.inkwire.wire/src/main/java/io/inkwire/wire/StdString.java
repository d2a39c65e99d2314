package io.inkwire.wire;

import java.util.Comparator;

/** What Ceph's {@code std::string} means on the wire besides its encoding ({@link CephEncoder#string}): its order. */
public final class StdString {

    /**
     * {@code std::string}'s {@code operator<} compares bytes as unsigned; for UTF-8 that is code point
     * order, the order {@code std::map<string,…>} and {@code std::set<string>} are encoded in. Sort
     * keys with it before {@link CephEncoder#stringMap} or any other container encoding.
     */
    public static final Comparator<String> ORDER = StdString::compareCodePoints;

    private StdString() {
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
