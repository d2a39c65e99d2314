package io.inkwire.karaf.shell.internal;

import org.apache.karaf.shell.support.table.ShellTable;

/** The tables the listing commands print. */
final class Tables {

    private Tables() {
    }

    /** An empty table with these column headings, in order. */
    static ShellTable withColumns(String... headings) {
        ShellTable table = new ShellTable();
        for (String h : headings) {
            table.column(h);
        }
        return table;
    }
}
