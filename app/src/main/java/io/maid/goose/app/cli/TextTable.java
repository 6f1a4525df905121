package io.maid.goose.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of text fitted to a width, for the console. The first column is the row's name, left-aligned;
 * the others are right-aligned figures, each as wide as its widest cell. When the table is too wide:
 * <ol>
 *   <li>columns of priority {@value #MINOR} and more are dropped, highest priority number first;</li>
 *   <li>the names are shortened (with an ellipsis), down to {@value #SHORT_NAME} characters;</li>
 *   <li>the remaining columns other than priority 0 are dropped the same way;</li>
 *   <li>the names are shortened further; and a line still too wide is cut with an ellipsis.</li>
 * </ol>
 * Priority 0 columns are never dropped.
 */
final class TextTable {
    /** Columns of this priority and above go first. */
    static final int MINOR = 3;
    static final int SHORT_NAME = 16;
    private static final String GAP = "  ";

    /** A column: its header and how soon it is dropped (0: never). */
    record Column(String header, int priority) {
    }

    private final List<Column> columns;
    /** Rows of cells; null for a rule. */
    private final List<String[]> rows = new ArrayList<>();

    TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** A row: a name, then one cell per other column ("" for none). */
    TextTable row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row has " + columns.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** A line of dashes across the table. */
    TextTable rule() {
        rows.add(null);
        return this;
    }

    /** The table as lines of at most {@code width} characters. */
    List<String> render(int width) {
        int n = columns.size();
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = columns.get(i).header().length();
            for (String[] r : rows) {
                if (r != null) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            }
        }
        boolean[] shown = new boolean[n];
        Arrays.fill(shown, true);
        dropWhileTooWide(widths, shown, width, MINOR);
        widths[0] = Math.max(Math.min(widths[0], SHORT_NAME), widths[0] - Math.max(0, total(widths, shown) - width));
        dropWhileTooWide(widths, shown, width, 1);
        widths[0] = Math.max(4, widths[0] - Math.max(0, total(widths, shown) - width));
        List<String> lines = new ArrayList<>();
        lines.add(line(columnHeaders(), widths, shown, width));
        for (String[] r : rows) {
            lines.add(r == null ? "-".repeat(Math.min(width, total(widths, shown))) : line(r, widths, shown, width));
        }
        return lines;
    }

    private String[] columnHeaders() {
        return columns.stream().map(Column::header).toArray(String[]::new);
    }

    private void dropWhileTooWide(int[] widths, boolean[] shown, int width, int minPriority) {
        while (total(widths, shown) > width) {
            int drop = -1;
            for (int i = 1; i < columns.size(); i++) {
                int p = columns.get(i).priority();
                if (shown[i] && p >= minPriority && (drop < 0 || p >= columns.get(drop).priority())) {
                    drop = i;
                }
            }
            if (drop < 0) {
                return;
            }
            shown[drop] = false;
        }
    }

    private static int total(int[] widths, boolean[] shown) {
        int sum = 0;
        int count = 0;
        for (int i = 0; i < widths.length; i++) {
            if (shown[i]) {
                sum += widths[i];
                count++;
            }
        }
        return sum + GAP.length() * Math.max(0, count - 1);
    }

    private static String line(String[] cells, int[] widths, boolean[] shown, int width) {
        StringBuilder b = new StringBuilder();
        b.append(pad(ConsoleFormat.ellipsis(cells[0], widths[0]), widths[0], true));
        for (int i = 1; i < cells.length; i++) {
            if (shown[i]) {
                b.append(GAP).append(pad(cells[i], widths[i], false));
            }
        }
        return ConsoleFormat.ellipsis(b.toString().stripTrailing(), width);
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return left ? s + fill : fill + s;
    }
}
