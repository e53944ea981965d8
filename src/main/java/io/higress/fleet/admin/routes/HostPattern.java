package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How Envoy picks a virtual host for a host (RouteConfiguration.virtual_hosts.domains): an exact domain first, then
 * the longest suffix wildcard ({@code *.example.com}, {@code *-bar.com}), then the longest prefix wildcard
 * ({@code foo.*}), then {@code *}; a wildcard stands for at least one character; case does not matter. And how a
 * route's {@code :authority} header matcher selects on it (Higress puts every Ingress host in one {@code *}
 * virtual host and matches the host with such a header).
 */
final class HostPattern {

    static final String AUTHORITY = ":authority";
    private static final int NONE = -1;

    private HostPattern() {
    }

    /** How well {@code domains} take {@code host} (higher wins, as Envoy ranks them); -1 when none does. */
    static int score(List<String> domains, String host) {
        int best = NONE;
        for (String d : domains) {
            best = Math.max(best, score(d.toLowerCase(Locale.ROOT), host));
        }
        return best;
    }

    private static int score(String domain, String host) {
        if (domain.equals("*")) {
            return 0;
        }
        if (domain.equals(host)) {
            return 3_000_000;
        }
        if (domain.startsWith("*") && host.length() > domain.length() - 1 && host.endsWith(domain.substring(1))) {
            return 2_000_000 + domain.length();
        }
        if (domain.endsWith("*") && host.length() > domain.length() - 1
                && host.startsWith(domain.substring(0, domain.length() - 1))) {
            return 1_000_000 + domain.length();
        }
        return NONE;
    }

    /** False when the route's {@code :authority} header matchers (all must hold) refuse {@code host}. */
    static boolean authorityAllows(JsonNode match, String host) {
        for (JsonNode header : match.path("headers")) {
            if (AUTHORITY.equals(header.path("name").asText()) && matches(header, host) == header.path("invert_match")
                    .asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    /** One HeaderMatcher: {@code string_match} or the older {@code *_match} fields; a matcher unknown here matches. */
    private static boolean matches(JsonNode header, String host) {
        JsonNode sm = header.path("string_match");
        boolean ignoreCase = sm.path("ignore_case").asBoolean(false);
        String value = ignoreCase ? host.toLowerCase(Locale.ROOT) : host;
        if (sm.isObject()) {
            return stringMatch(sm, value, ignoreCase);
        }
        if (header.has("exact_match")) {
            return host.equals(header.get("exact_match").asText());
        }
        if (header.has("prefix_match")) {
            return host.startsWith(header.get("prefix_match").asText());
        }
        if (header.has("suffix_match")) {
            return host.endsWith(header.get("suffix_match").asText());
        }
        if (header.has("contains_match")) {
            return host.contains(header.get("contains_match").asText());
        }
        if (header.has("safe_regex_match")) {
            return fullMatch(header.path("safe_regex_match").path("regex").asText(), host);
        }
        return true;
    }

    private static boolean stringMatch(JsonNode sm, String value, boolean ignoreCase) {
        for (String kind : List.of("exact", "prefix", "suffix", "contains")) {
            if (sm.has(kind)) {
                String expected = ignoreCase ? sm.get(kind).asText().toLowerCase(Locale.ROOT) : sm.get(kind).asText();
                return switch (kind) {
                    case "exact" -> value.equals(expected);
                    case "prefix" -> value.startsWith(expected);
                    case "suffix" -> value.endsWith(expected);
                    default -> value.contains(expected);
                };
            }
        }
        if (sm.has("safe_regex")) {
            return fullMatch(sm.path("safe_regex").path("regex").asText(), value);
        }
        return true;
    }

    /** Compiled once: every gateway of a cluster holds the same regexes, and every request matches them again. */
    private static final Map<String, Optional<Pattern>> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 4096;
    /** Character reads one match may take: RE2 is linear, Java backtracks, and this runs on an event loop. */
    private static final int MAX_STEPS = 200_000;

    /**
     * Envoy's RE2 regexes match the whole value; Java's syntax is close. One Java cannot read matches nothing, and
     * so does one whose backtracking would outlast {@link #MAX_STEPS} on the caller's path (RE2 would not).
     */
    static boolean fullMatch(String regex, String value) {
        if (COMPILED.size() > MAX_COMPILED) {
            COMPILED.clear();
        }
        Optional<Pattern> pattern = COMPILED.computeIfAbsent(regex, r -> {
            try {
                return Optional.of(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                return Optional.empty();
            }
        });
        try {
            return pattern.isPresent() && pattern.get().matcher(new Bounded(value)).matches();
        } catch (TooManySteps | StackOverflowError e) {
            return false;
        }
    }

    private static final class TooManySteps extends RuntimeException {
        TooManySteps() {
            super(null, null, false, false);
        }
    }

    /** A value whose reads are counted, so that a backtracking match stops instead of holding the event loop. */
    private static final class Bounded implements CharSequence {
        private final String value;
        private int steps;

        Bounded(String value) {
            this.value = value;
        }

        @Override
        public char charAt(int index) {
            if (++steps > MAX_STEPS) {
                throw new TooManySteps();
            }
            return value.charAt(index);
        }

        @Override
        public int length() {
            return value.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return value.subSequence(start, end);
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
