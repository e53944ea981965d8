package io.higress.fleet.cli;

import java.util.regex.Pattern;

/** Names that go into a URL path: checked here, so that no argument can change the path it is put in. */
final class Paths {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");

    private Paths() {
    }

    static String segment(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw CliFailure.usage(what + " '" + value + "' is not a valid name (letters, digits, '.', '-', '_')");
        }
        return value;
    }
}
