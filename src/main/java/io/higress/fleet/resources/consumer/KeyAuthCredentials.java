package io.higress.fleet.resources.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.consumer.ConsumerSpec.Credential;
import io.higress.fleet.resources.shared.KeyAuthConsumers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A key-auth credential ⇄ the consumer's entry in the key-auth plugin, as KeyAuthCredentialHandler saves and parses
 * it: {@code BEARER} is the header {@code Authorization} with the values prefixed {@code "Bearer "}; {@code HEADER}
 * and {@code QUERY} set {@code in_header} / {@code in_query}; {@code keys} holds the one key.
 */
final class KeyAuthCredentials {
    static final String TYPE = "key-auth";
    static final List<String> SOURCES = List.of("BEARER", "HEADER", "QUERY");
    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER_PREFIX = "Bearer ";

    private KeyAuthCredentials() {
    }

    /** The consumer's key-auth credential (the validator allows exactly one). */
    static Credential of(ConsumerSpec c) {
        return c.credentials().stream().filter(x -> TYPE.equals(x.type())).findFirst().orElseThrow();
    }

    /** The entry saveConsumer writes for the consumer. */
    static ObjectNode entry(ConsumerSpec c) {
        Credential k = of(c);
        String key = k.key();
        List<String> values = k.values();
        ObjectNode e = Json.MAPPER.createObjectNode().put(KeyAuthConsumers.NAME, c.name());
        boolean query = "QUERY".equals(k.source());
        e.put(KeyAuthConsumers.IN_HEADER, !query).put(KeyAuthConsumers.IN_QUERY, query);
        if ("BEARER".equals(k.source())) {
            key = AUTHORIZATION;
            values = values.stream().map(v -> BEARER_PREFIX + v).toList();
        }
        e.putArray(KeyAuthConsumers.KEYS).add(key);
        ArrayNode credentials = e.putArray(KeyAuthConsumers.CREDENTIALS);
        values.forEach(credentials::add);
        return e;
    }

    /** The consumer an entry holds, as parseCredential reads it; null for an entry the console does not read. */
    static ConsumerSpec spec(JsonNode e, String namespace) {
        String name = e.path(KeyAuthConsumers.NAME).asText("");
        String key = null;
        for (JsonNode k : e.path(KeyAuthConsumers.KEYS)) {
            if (k.isTextual() && !k.asText().isBlank()) {
                key = k.asText();
            }
        }
        if (name.isBlank() || key == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        e.path(KeyAuthConsumers.CREDENTIALS).forEach(v -> {
            if (v.isTextual()) {
                values.add(v.asText());
            }
        });
        String single = e.path(KeyAuthConsumers.CREDENTIAL).asText("");
        if (!single.isBlank() && !values.contains(single)) {
            values.add(single);
        }
        String source;
        if (bool(e.get(KeyAuthConsumers.IN_HEADER))) {
            if (AUTHORIZATION.equals(key) && values.stream().allMatch(v -> v.startsWith(BEARER_PREFIX))) {
                source = "BEARER";
                key = null;
                values.replaceAll(v -> v.substring(BEARER_PREFIX.length()).trim());
            } else {
                source = "HEADER";
            }
        } else if (bool(e.get(KeyAuthConsumers.IN_QUERY))) {
            source = "QUERY";
        } else {
            return null;
        }
        return new ConsumerSpec(name, List.of(new Credential(TYPE, source, key, values)), namespace);
    }

    /**
     * A 400 on {@code credentials[i].values} when another consumer holds one of the values for the same source and
     * key (hasSameCredential: "Key auth credential already in use by consumer"). The value is not quoted.
     */
    static void refuseShared(ConsumerSpec c, Collection<ConsumerSpec> others) {
        Credential mine = of(c);
        int at = c.credentials().indexOf(mine);
        for (ConsumerSpec other : others) {
            if (other.name().equals(c.name()) || other.credentials() == null) {
                continue;
            }
            for (Credential theirs : other.credentials()) {
                if (TYPE.equals(theirs.type()) && mine.source().equalsIgnoreCase(theirs.source())
                        && Objects.equals(mine.key(), theirs.key()) && theirs.values() != null
                        && mine.values().stream().anyMatch(theirs.values()::contains)) {
                    throw new ProblemException(Problem.invalid("credentials[" + at + "].values", "a value is "
                            + "already the key-auth credential of consumer " + other.name()));
                }
            }
        }
    }

    /** MapUtils.getBoolean: a boolean, a string read as one, a number other than 0. */
    private static boolean bool(JsonNode v) {
        if (v == null) {
            return false;
        }
        if (v.isTextual()) {
            return Boolean.parseBoolean(v.asText());
        }
        return v.isNumber() ? v.asInt() != 0 : v.asBoolean(false);
    }
}
