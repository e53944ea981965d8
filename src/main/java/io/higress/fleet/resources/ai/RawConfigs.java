package io.higress.fleet.resources.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading a provider's raw configurations the way the console's handlers do; failures name the field. */
final class RawConfigs {

    private RawConfigs() {
    }

    static InvalidProvider invalid(String rawField, String message) {
        return new InvalidProvider("rawConfigs." + rawField, message);
    }

    static String text(ObjectNode raw, String field) {
        JsonNode v = raw.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    static String required(ObjectNode raw, String field) {
        JsonNode v = raw.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isEmpty()) {
            throw invalid(field, "is required for this provider type");
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw invalid(field, "must be a string");
        }
        return v.asText();
    }

    static int port(ObjectNode raw, String field) {
        JsonNode v = raw.get(field);
        int port;
        if (v != null && v.isInt()) {
            port = v.asInt();
        } else if (v != null && v.isTextual()) {
            try {
                port = Integer.parseInt(v.asText());
            } catch (NumberFormatException e) {
                throw invalid(field, "must be a number");
            }
        } else {
            throw invalid(field, "must be a number");
        }
        if (port < 1 || port > 65535) {
            throw invalid(field, "must be a valid port number");
        }
        return port;
    }

    static URI uri(String url, String field) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(field, "is not a valid URL: " + url);
        }
    }

    static void httpScheme(URI uri, String field) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(field, "must be an http:// or https:// URL: " + uri);
        }
    }

    /** The URL and the extra URLs; empty when the URL is not set. */
    static List<URI> customUris(ObjectNode raw, String urlField, String extraField) {
        JsonNode url = raw.get(urlField);
        if (url == null || !url.isTextual()) {
            return List.of();
        }
        if (url.asText().isEmpty()) {
            throw invalid(urlField, "cannot be empty");
        }
        List<URI> out = new ArrayList<>(List.of(uri(url.asText(), urlField)));
        JsonNode extra = raw.get(extraField);
        if (extra != null && extra.isArray()) {
            for (int i = 0; i < extra.size(); i++) {
                JsonNode e = extra.get(i);
                if (!e.isTextual() || e.asText().isEmpty()) {
                    throw invalid(extraField + "[" + i + "]", "must be a non-empty string");
                }
                out.add(uri(e.asText(), extraField + "[" + i + "]"));
            }
        }
        return out;
    }

    /** commons-collections' MapUtils.getBoolean: a boolean, a string read as one, a number != 0, else the default. */
    static boolean bool(JsonNode v, boolean dflt) {
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return Boolean.parseBoolean(v.asText());
        }
        return v.isNumber() ? v.asInt() != 0 : dflt;
    }

    /** The console's ConverterUtil.toBoolean: true/1/yes, false/0/no/empty, numbers; else null. */
    static Boolean toBoolean(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            String s = v.asText().trim().toLowerCase(Locale.ROOT);
            if (List.of("true", "1", "yes").contains(s)) {
                return true;
            }
            return List.of("false", "0", "no", "").contains(s) ? false : null;
        }
        return v.isNumber() ? v.asInt() != 0 : null;
    }
}
