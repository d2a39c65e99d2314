package io.inkwire.cli;

/**
 * A number with an optional IEC unit, as Ceph's tools take sizes and counts ({@code
 * strict_iecstrtoll} in {@code src/common/strtol.cc}): {@code 4096}, {@code 4K}, {@code 4Ki},
 * {@code 4M}, … {@code E}; {@code B} for bytes. Failures carry Ceph's words.
 */
final class IecSize {

    /** The text is not such a number. */
    static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidException(String message) {
            super(message);
        }
    }

    private IecSize() {
    }

    /** The value, which must lie in {@code [min, max]}. */
    static long parse(String s, long min, long max) throws InvalidException {
        if (s.isEmpty()) {
            throw new InvalidException("strict_iecstrtoll: value not specified");
        }
        int u = 0;
        while (u < s.length() && "0123456789-+".indexOf(s.charAt(u)) >= 0) {
            u++;
        }
        int shift = 0;
        String number = s.substring(0, u);
        if (u < s.length()) {
            String unit = s.substring(u);
            if (unit.endsWith("i") && unit.startsWith("B")) {
                throw new InvalidException("strict_iecstrtoll: illegal prefix \"Bi\"");
            }
            if (unit.length() > 2 || (unit.length() == 2 && unit.charAt(1) != 'i')) {
                throw new InvalidException("strict_iecstrtoll: illegal prefix (length > 2)");
            }
            shift = switch (unit.charAt(0)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                case 'P' -> 50;
                case 'E' -> 60;
                case 'B' -> 0;
                default -> throw new InvalidException("strict_iecstrtoll: unit prefix not recognized");
            };
        }
        long n;
        try {
            n = Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
        } catch (NumberFormatException e) {
            throw new InvalidException("strict_strtoll: expected integer, got: '" + number + "'");
        }
        if (n < 0 && min >= 0) {
            throw new InvalidException("strict_iecstrtoll: value should not be negative");
        }
        if (n > (max >> shift)) {
            throw new InvalidException("strict_iecstrtoll: value seems to be too large");
        }
        if (n < (min >> shift)) {
            throw new InvalidException("strict_iecstrtoll: value seems to be too small");
        }
        return n << shift;
    }
}
