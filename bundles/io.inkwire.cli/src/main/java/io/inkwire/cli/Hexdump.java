package io.inkwire.cli;

/**
 * Bytes as {@code rados} prints values ({@code buffer::list::hexdump} in
 * {@code src/common/buffer.cc}, which follows {@code hexdump -C}): 16 bytes a row as
 * {@code OFFSET  HH HH … HH  HH … |ASCII|}, a run of rows of one repeated byte folded into one
 * {@code *} (as Pacific's version does), the length on the last line.
 */
final class Hexdump {

    private static final int PER = 16;

    private Hexdump() {
    }

    static String of(byte[] b) {
        if (b.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int lastRowByte = 0;
        boolean wasSame = false;
        boolean didStar = false;
        for (int o = 0; o < b.length; o += PER) {
            if (o == 0) {
                lastRowByte = b[0];
            }
            if (o + PER < b.length) {
                // a row of one repeated byte, after a row of the same byte, folds into "*"
                boolean same = true;
                for (int i = 0; i < PER && o + i < b.length; i++) {
                    if (b[o + i] != lastRowByte) {
                        if (i == 0) {
                            lastRowByte = b[o];
                            wasSame = false;
                            didStar = false;
                        } else {
                            same = false;
                        }
                    }
                }
                if (same) {
                    if (wasSame) {
                        if (!didStar) {
                            out.append("\n*");
                            didStar = true;
                        }
                        continue;
                    }
                    wasSame = true;
                } else {
                    wasSame = false;
                    didStar = false;
                }
            }
            if (o > 0) {
                out.append('\n');
            }
            out.append(String.format("%08x ", o));
            int i;
            for (i = 0; i < PER && o + i < b.length; i++) {
                if (i == 8) {
                    out.append(' ');
                }
                out.append(String.format(" %02x", b[o + i] & 0xff));
            }
            for (; i < PER; i++) {
                if (i == 8) {
                    out.append(' ');
                }
                out.append("   ");
            }
            out.append("  |");
            for (i = 0; i < PER && o + i < b.length; i++) {
                int c = b[o + i] & 0xff;
                out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            out.append('|');
        }
        out.append('\n').append(String.format("%08x", b.length)).append('\n');
        return out.toString();
    }
}
