package io.higress.fleet.admin.parse;

import java.math.BigDecimal;

/** proto3 JSON durations such as {@code "24s"} or {@code "1.500s"}. */
final class DurationText {

    private DurationText() {
    }

    /** Whole seconds (fraction dropped); null for null; malformed text is an error. */
    static Long seconds(String text) {
        if (text == null) {
            return null;
        }
        if (!text.endsWith("s") || text.length() < 2) {
            throw new MalformedAdminResponseException("not a duration: '" + text + "'");
        }
        try {
            return new BigDecimal(text.substring(0, text.length() - 1)).longValue();
        } catch (NumberFormatException e) {
            throw new MalformedAdminResponseException("not a duration: '" + text + "'", e);
        }
    }
}
