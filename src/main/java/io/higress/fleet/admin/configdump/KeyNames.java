package io.higress.fleet.admin.configdump;

import java.util.HashMap;
import java.util.Map;

/**
 * proto3 JSON may print field names as written in the proto ({@code version_info}) or in lowerCamelCase
 * ({@code versionInfo}); both are mapped to snake_case. Not thread-safe (one instance per summary).
 */
public final class KeyNames {

    private static final int MAX_CACHED = 10_000;
    private final Map<String, String> cache = new HashMap<>();

    public String snake(String key) {
        String cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        String snake = toSnake(key);
        if (cache.size() < MAX_CACHED) {
            cache.put(key, snake);
        }
        return snake;
    }

    static String toSnake(String key) {
        StringBuilder sb = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(key.length() + 4).append(key, 0, i);
                }
                if (i > 0) {
                    sb.append('_');
                }
                sb.append((char) (c + ('a' - 'A')));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? key : sb.toString();
    }
}
