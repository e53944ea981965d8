package io.higress.fleet.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The path as the REST layer will understand it, for matching against the access table: percent-escapes decoded,
 * matrix parameters (";x=1", which JAX-RS ignores) dropped, dot segments resolved, repeated and trailing slashes
 * removed. Without this, "/api/v1/%61udit" or "/api/v1/audit;x" could reach an admin endpoint under a weaker rule.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    public static String canonical(String rawPath) {
        String decoded = percentDecode(rawPath == null ? "/" : rawPath);
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            int matrix = segment.indexOf(';');
            String s = matrix >= 0 ? segment.substring(0, matrix) : segment;
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(s);
        }
        return "/" + String.join("/", segments);
    }

    /** Decodes %XX escapes as UTF-8 (a '+' stays a '+': it is a space only in query strings). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
