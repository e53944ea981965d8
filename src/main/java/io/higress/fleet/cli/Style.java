package io.higress.fleet.cli;

/** ANSI colours for a person's terminal; plain text everywhere else (pipes, CI logs, NO_COLOR). */
final class Style {
    private final boolean colour;

    Style(boolean colour) {
        this.colour = colour;
    }

    String added(String s) {
        return paint("32", s);
    }

    String removed(String s) {
        return paint("31", s);
    }

    String changed(String s) {
        return paint("33", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
