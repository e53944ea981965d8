package io.higress.fleet.admin.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/**
 * Jackson's failures in words for a problem's {@code detail}. Its own messages end in
 * "at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]" and echo
 * the control characters of a garbage answer.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** {@code not valid JSON at line L, column C (Jackson's short reason)}, or the I/O failure's message. */
    public static String describe(IOException e) {
        if (!(e instanceof JsonProcessingException j)) {
            return e.getMessage() != null ? printable(e.getMessage(), 200) : e.getClass().getSimpleName();
        }
        JsonLocation at = j.getLocation();
        String where = at == null ? ""
                : at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                : at.getByteOffset() >= 0 ? " at byte " + at.getByteOffset() : "";
        String reason = j.getOriginalMessage() == null ? "" : " (" + printable(j.getOriginalMessage(), 120) + ")";
        return "not valid JSON" + where + reason;
    }

    /** At most {@code max} characters of {@code text}, each control or undecodable character shown as '?'. */
    public static String printable(CharSequence text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 3);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\uFFFD' || Character.isSurrogate(c) ? '?' : c);
        }
        return text.length() > max ? out.append("...").toString() : out.toString();
    }
}
