package io.maid.goose.app.cli;

import java.util.Locale;

final class ConsoleFormat {
    private ConsoleFormat() {
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
