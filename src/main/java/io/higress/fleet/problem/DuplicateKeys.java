package io.higress.fleet.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A key twice in one JSON object is a 400 naming it, in every body: parsers keep one of the two silently (Jackson
 * the last), so what the facade validates and what a reviewer of the body reads could differ. Enabled on the REST
 * layer's mapper here, and on the mappers that read bodies themselves (request bodies, manifests).
 */
@Singleton
public class DuplicateKeys implements ObjectMapperCustomizer {

    private static final String JACKSON_MESSAGE = "Duplicate field '";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The field error of a duplicate key ({@code config.services[0].name: duplicate key 'name'}), if it is one. */
    public static Optional<Problem.FieldError> of(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith(JACKSON_MESSAGE)) {
            return Optional.empty();
        }
        String key = message.substring(JACKSON_MESSAGE.length(), Math.max(JACKSON_MESSAGE.length(),
                message.lastIndexOf('\'')));
        String field = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : key;
        return Optional.of(new Problem.FieldError(field.isEmpty() ? key : field, "duplicate key '" + key + "'"));
    }

    /** {@code config.services[0].name}: the object keys and array indexes from the root down to the key. */
    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.addFirst(c);
        }
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                sb.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
            } else if (c.getCurrentName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(c.getCurrentName());
            }
        }
        return sb.toString();
    }
}
