package io.inkwire.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as Ceph's {@code TextTable} prints it ({@code src/common/TextTable.cc}): each column as
 * wide as its widest cell or heading, headings and cells aligned per column, two spaces between
 * columns and none after the last.
 */
final class CephTextTable {

    enum Align { LEFT, RIGHT }

    private record Column(String heading, Align headingAlign, Align cellAlign) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    CephTextTable column(String heading, Align headingAlign, Align cellAlign) {
        columns.add(new Column(heading, headingAlign, cellAlign));
        return this;
    }

    /** A row, one value per column, each printed with {@link String#valueOf}. */
    CephTextTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).heading().length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            pad(b.append(i > 0 ? "  " : ""), columns.get(i).heading(), width[i], columns.get(i).headingAlign());
        }
        b.append('\n');
        for (List<String> r : rows) {
            for (int i = 0; i < width.length; i++) {
                pad(b.append(i > 0 ? "  " : ""), r.get(i), width[i], columns.get(i).cellAlign());
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void pad(StringBuilder b, String s, int width, Align align) {
        String fill = " ".repeat(width - s.length());
        b.append(align == Align.RIGHT ? fill + s : s + fill);
    }
}
